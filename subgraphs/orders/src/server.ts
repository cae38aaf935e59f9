import fs from 'node:fs';
import { parse } from 'graphql';
import { sql } from 'kysely';
import { appendEvent, backgroundConsumers, type EventTransport } from '../../../shared/events/index.js';
import { jobCancelRequestedPayload } from '../../../shared/jobs/events.js';
import { allBackground, type BackgroundJobs } from '../../../shared/run.js';
import { auditTrailResolvers } from '../../../shared/audit/trail.js';
import { dataQualityResolvers } from '../../../shared/quality.js';
import { ordersQuality } from './quality.js';
import { createSubgraphApollo } from '../../../shared/server.js';
import type { GraphClient } from '../../../shared/graph-client.js';
import { serviceGraphClient } from '../../../shared/service-identity.js';
import { graphReferenceCheck } from './references.js';
import { DEFAULT_ORDERS_SETTINGS, type OrdersSettings } from './settings.js';
import { productStateConsumer } from './events/consumed.js';
import { consentConsumer } from './events/consent.js';
import { jobChanged } from './events/published.js';
import { privacyConsumers } from './privacy.js';
import { createContext, type OrdersContext } from './context.js';
import type { Resolvers } from './generated/resolvers-types.js';
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
import { ModelCustomer, ModelMutation, ModelQuery } from './resolvers/Models.js';

export const name = 'orders' as const;
export const typeDefs = parse(fs.readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));
export const resolvers: Resolvers = {
  PurchaseStats,
  Query: { ...Query, ...ModelQuery },
  Mutation: { ...Mutation, ...ModelMutation },
  Order,
  OrderLine,
  Cart,
  CartLine,
  Customer: { ...Customer, ...ModelCustomer },
  LifetimeValue,
  Product,
  AssociationRule,
  AbandonedCart,
  Job,
  ...auditTrailResolvers(name),
  ...dataQualityResolvers(name, ordersQuality),
};

export interface OrdersDeps extends OrdersJobDeps {
  events?: EventTransport;
  settings?: OrdersSettings;
  /** How this domain asks the graph whether customers and skus exist; defaults to an HTTP client for settings.graphUrl. */
  graph?: GraphClient;
}

export function createServer(deps: OrdersDeps) {
  const settings = deps.settings ?? DEFAULT_ORDERS_SETTINGS;
  const graph = deps.graph ?? serviceGraphClient(settings, name, deps.logger);
  const checkReferences = graphReferenceCheck(graph);
  // Each job change goes to this domain's outbox in the change's transaction: the campaigns job registry follows it.
  const jobs = createOrdersJobRunner({
    ...deps,
    onJobChanged: deps.onJobChanged ?? ((trx, event) => appendEvent(trx, jobChanged(event)).then(() => undefined)),
  });
  return {
    apollo: createSubgraphApollo<OrdersContext>({ name, typeDefs, resolvers, logger: deps.logger }),
    createContext: () => createContext(deps.db, jobs, checkReferences),
    isReady: async () => {
      await sql`select 1`.execute(deps.db);
    },
    jobs,
    background: deps.events
      ? allBackground(
          jobs.background,
          cancelRequestConsumer({ ...deps, events: deps.events }, jobs),
          backgroundConsumers({ ...deps, events: deps.events }, privacyConsumers()),
          productStateConsumer({ ...deps, events: deps.events }),
          consentConsumer({ ...deps, events: deps.events }),
        )
      : jobs.background,
  };
}

/** Follows the job registry's JobCancelRequested (campaigns' log) and cancels this domain's jobs it names. */
function cancelRequestConsumer(
  deps: OrdersJobDeps & { events: EventTransport },
  jobs: ReturnType<typeof createOrdersJobRunner>,
): BackgroundJobs {
  return backgroundConsumers(deps, [
    {
      name: 'orders-job-cancel-requests',
      producer: 'campaigns',
      types: ['JobCancelRequested'],
      handle: async (trx, event) =>
        void (await jobs.applyCancelRequested(trx as never, jobCancelRequestedPayload.parse(event.payload))),
    },
  ]);
}
