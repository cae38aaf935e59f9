import fs from 'node:fs';
import { parse } from 'graphql';
import { sql, type Kysely } from 'kysely';
import type { Logger } from '../../../shared/logger.js';
import { auditTrailResolvers } from '../../../shared/audit/trail.js';
import { createSubgraphApollo } from '../../../shared/server.js';
import { createContext, type CustomersContext } from './context.js';
import type { CustomersDatabase } from './db/database.js';
import { Customer } from './resolvers/Customer.js';
import { Mutation } from './resolvers/Mutation.js';
import { Query } from './resolvers/Query.js';
import type { CustomersSettings } from './settings.js';

export const name = 'customers' as const;
export const typeDefs = parse(fs.readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));
export const resolvers = { Query, Mutation, Customer, ...auditTrailResolvers(name) };

export function createServer(deps: { db: Kysely<CustomersDatabase>; logger?: Logger; settings?: CustomersSettings }) {
  return {
    apollo: createSubgraphApollo<CustomersContext>({ name, typeDefs, resolvers, logger: deps.logger }),
    createContext: () => createContext(deps.db, deps.settings),
    isReady: async () => {
      await sql`select 1`.execute(deps.db);
    },
  };
}
