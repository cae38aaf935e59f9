import fs from 'node:fs';
import { parse } from 'graphql';
import { sql, type Kysely } from 'kysely';
import type { Logger } from '../../../shared/logger.js';
import { auditTrailResolvers } from '../../../shared/audit/trail.js';
import { dataQualityResolvers } from '../../../shared/quality.js';
import { customersQuality } from './quality.js';
import { createSubgraphApollo } from '../../../shared/server.js';
import { createContext, type CustomersContext } from './context.js';
import type { CustomersDatabase } from './db/database.js';
import { Customer } from './resolvers/Customer.js';
import { DataSubjectRequest } from './resolvers/DataSubjectRequest.js';
import { Mutation } from './resolvers/Mutation.js';
import { Query } from './resolvers/Query.js';
import { DEFAULT_CUSTOMERS_SETTINGS, type CustomersSettings } from './settings.js';
import { backgroundConsumers, type EventTransport } from '../../../shared/events/index.js';
import { allBackground } from '../../../shared/run.js';
import { exportRetentionJob, privacyConsumers } from './privacy.js';

export const name = 'customers' as const;
export const typeDefs = parse(fs.readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));
export const resolvers = {
  Query,
  Mutation,
  Customer,
  DataSubjectRequest,
  ...auditTrailResolvers(name),
  ...dataQualityResolvers(name, customersQuality),
};

export function createServer(deps: {
  db: Kysely<CustomersDatabase>;
  logger?: Logger;
  settings?: CustomersSettings;
  events?: EventTransport;
}) {
  const settings = deps.settings ?? DEFAULT_CUSTOMERS_SETTINGS;
  return {
    apollo: createSubgraphApollo<CustomersContext>({ name, typeDefs, resolvers, logger: deps.logger }),
    createContext: () => createContext(deps.db, settings),
    isReady: async () => {
      await sql`select 1`.execute(deps.db);
    },
    // Data-subject requests ride the event backbone: this domain's part, every domain's progress, the export retention.
    background: allBackground(
      exportRetentionJob(deps.db, deps.logger),
      ...(deps.events ? [backgroundConsumers({ ...deps, events: deps.events }, privacyConsumers(settings))] : []),
    ),
  };
}
