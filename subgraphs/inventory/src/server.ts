import fs from 'node:fs';
import { parse } from 'graphql';
import { sql, type Kysely } from 'kysely';
import type { Logger } from '../../../shared/logger.js';
import { auditTrailResolvers } from '../../../shared/audit/trail.js';
import { dataQualityResolvers } from '../../../shared/quality.js';
import { inventoryQuality } from './quality.js';
import { backgroundConsumers, type EventTransport } from '../../../shared/events/index.js';
import { privacyConsumers } from './privacy.js';
import { createSubgraphApollo } from '../../../shared/server.js';
import { createContext, type InventoryContext } from './context.js';
import type { InventoryDatabase } from './db/database.js';
import { Campaign } from './resolvers/Campaign.js';
import { Cart } from './resolvers/Cart.js';
import { Customer } from './resolvers/Customer.js';
import { Mutation } from './resolvers/Mutation.js';
import { Product } from './resolvers/Product.js';
import { Query } from './resolvers/Query.js';

export const name = 'inventory' as const;
export const typeDefs = parse(fs.readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));
export const resolvers = {
  Query,
  Mutation,
  Product,
  Campaign,
  Customer,
  Cart,
  ...auditTrailResolvers(name),
  ...dataQualityResolvers(name, inventoryQuality),
};

export function createServer(deps: { db: Kysely<InventoryDatabase>; logger?: Logger; events?: EventTransport }) {
  return {
    apollo: createSubgraphApollo<InventoryContext>({ name, typeDefs, resolvers, logger: deps.logger }),
    createContext: () => createContext(deps.db),
    isReady: async () => {
      await sql`select 1`.execute(deps.db);
    },
    background: deps.events ? backgroundConsumers({ ...deps, events: deps.events }, privacyConsumers()) : undefined,
  };
}
