import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type LogEvent, type Migration } from 'kysely';
import { createDatabase, quoteIdent } from './db.js';
import { migrateToLatest } from './migrate.js';

export interface TestDatabase<DB> {
  db: Kysely<DB>;
  schema: string;
  /** Number of SQL statements run since the last `resetStatementCount()`. */
  statementCount(): number;
  resetStatementCount(): void;
  /** Statements run since the last reset, for debugging a failing count. */
  statements(): string[];
  /** Number of rows in one of the domain's tables. */
  rowCount(table: keyof DB & string): Promise<number>;
  destroy(): Promise<void>;
}

/**
 * A migrated database for one test file: in-memory PGlite by default, or a fresh schema on the
 * Postgres server named by TEST_DATABASE_URL (dropped again on destroy).
 */
export async function createTestDatabase<DB>(domain: string, migrations: Record<string, Migration>): Promise<TestDatabase<DB>> {
  const url = process.env.TEST_DATABASE_URL || undefined;
  const schema = url ? `${domain}_t${randomBytes(4).toString('hex')}` : domain;
  let seen: string[] = [];
  const db = await createDatabase<DB>({
    url,
    schema,
    poolSize: 25,
    onQuery: (event: LogEvent) => {
      if (event.level === 'query' || event.level === 'error') seen.push(event.query.sql);
    },
  });
  await migrateToLatest(db as Kysely<any>, migrations, schema);
  seen = [];
  return {
    db,
    schema,
    statementCount: () => seen.length,
    resetStatementCount: () => {
      seen = [];
    },
    statements: () => [...seen],
    rowCount: async (table) => {
      const row = await (db as Kysely<any>).selectFrom(table as string).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
      return row.n;
    },
    destroy: async () => {
      if (url) await sql.raw(`drop schema if exists ${quoteIdent(schema)} cascade`).execute(db);
      await db.destroy();
    },
  };
}

export interface OperationResult {
  data?: any;
  errors?: { message: string; path?: readonly (string | number)[]; extensions?: { code?: string; [key: string]: unknown } }[];
}

interface TestableServer {
  apollo: {
    start(): Promise<void>;
    stop(): Promise<void>;
    executeOperation(request: { query: string; variables?: Record<string, unknown> }, options: { contextValue: any }): Promise<{ body: { kind: string; singleResult?: unknown } }>;
  };
  createContext(): unknown;
}

export interface SubgraphUnderTest<DB> {
  testDb: TestDatabase<DB>;
  /** Runs one operation with a fresh per-request context, as an HTTP request would get. */
  run(query: string, variables?: Record<string, unknown>): Promise<OperationResult>;
  stop(): Promise<void>;
}

/** A subgraph server on a migrated test database, for `executeOperation` tests (including `_entities`). */
export async function startSubgraphForTest<DB>(
  domain: string,
  migrations: Record<string, Migration>,
  createServer: (deps: { db: Kysely<DB> }) => TestableServer,
): Promise<SubgraphUnderTest<DB>> {
  const testDb = await createTestDatabase<DB>(domain, migrations);
  const server = createServer({ db: testDb.db });
  await server.apollo.start();
  return {
    testDb,
    run: async (query, variables = {}) => {
      const response = await server.apollo.executeOperation({ query, variables }, { contextValue: server.createContext() });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult as OperationResult;
    },
    stop: async () => {
      await server.apollo.stop();
      await testDb.destroy();
    },
  };
}

/** The code of a result's first error, if any. */
export const errorCodeOf = (result: OperationResult) => result.errors?.[0]?.extensions?.code;
