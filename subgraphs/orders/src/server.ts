import fs from 'node:fs';
import { parse } from 'graphql';
import { sql } from 'kysely';
import { createSubgraphApollo } from '../../../shared/server.js';
import { createContext, type OrdersContext } from './context.js';
import { createOrdersJobRunner, type OrdersJobDeps } from './jobs/index.js';
import { Job } from './resolvers/Job.js';
import { Cart } from './resolvers/Cart.js';
import { CartLine } from './resolvers/CartLine.js';
import { Customer } from './resolvers/Customer.js';
import { Mutation } from './resolvers/Mutation.js';
import { Order } from './resolvers/Order.js';
import { OrderLine } from './resolvers/OrderLine.js';
import { PurchaseStats } from './resolvers/PurchaseStats.js';
import { Query } from './resolvers/Query.js';
import { LifetimeValue } from './resolvers/LifetimeValue.js';
import { AbandonedCart, AssociationRule, Product } from './resolvers/CrossSell.js';

export const name = 'orders' as const;
export const typeDefs = parse(fs.readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));
export const resolvers = { PurchaseStats, Query, Mutation, Order, OrderLine, Cart, CartLine, Customer, LifetimeValue, Product, AssociationRule, AbandonedCart, Job };

export function createServer(deps: OrdersJobDeps) {
  const jobs = createOrdersJobRunner(deps);
  return {
    apollo: createSubgraphApollo<OrdersContext>({ name, typeDefs, resolvers, logger: deps.logger }),
    createContext: () => createContext(deps.db, jobs),
    isReady: async () => {
      await sql`select 1`.execute(deps.db);
    },
    jobs,
    background: jobs.background,
  };
}
