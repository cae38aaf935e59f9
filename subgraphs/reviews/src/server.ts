import fs from 'node:fs';
import { parse } from 'graphql';
import { sql, type Kysely } from 'kysely';
import { auditTrailResolvers } from '../../../shared/audit/trail.js';
import { backgroundConsumers, type EventTransport } from '../../../shared/events/index.js';
import type { Logger } from '../../../shared/logger.js';
import { dataQualityResolvers } from '../../../shared/quality.js';
import { createSubgraphApollo } from '../../../shared/server.js';
import { createContext, type ReviewsContext } from './context.js';
import type { ReviewsDatabase } from './db/database.js';
import type { Resolvers } from './generated/resolvers-types.js';
import { privacyConsumers } from './privacy.js';
import { reviewsQuality } from './quality.js';
import { Campaign } from './resolvers/Campaign.js';
import { Customer } from './resolvers/Customer.js';
import { Product } from './resolvers/Product.js';
import { Review } from './resolvers/Review.js';
import { Mutation } from './resolvers/Mutation.js';
import { Query } from './resolvers/Query.js';

export const name = 'reviews' as const;
export const typeDefs = parse(fs.readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));
export const resolvers: Resolvers = {
  Query,
  Mutation,
  Review,
  Product,
  Customer,
  Campaign,
  ...auditTrailResolvers(name),
  ...dataQualityResolvers(name, reviewsQuality),
};

export function createServer(deps: { db: Kysely<ReviewsDatabase>; logger?: Logger; events?: EventTransport }) {
  return {
    apollo: createSubgraphApollo<ReviewsContext>({ name, typeDefs, resolvers, logger: deps.logger }),
    createContext: () => createContext(deps.db),
    isReady: async () => {
      await sql`select 1`.execute(deps.db);
    },
    background: deps.events ? backgroundConsumers({ ...deps, events: deps.events }, privacyConsumers()) : undefined,
  };
}
