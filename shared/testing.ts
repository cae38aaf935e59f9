import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type LogEvent, type Migration } from 'kysely';
import { createDatabase, quoteIdent } from './db.js';
import { migrateToLatest } from './migrate.js';
import { ALL_SCOPES, type Viewer } from './auth.js';

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
export async function createTestDatabase<DB>(
  domain: string,
  migrations: Record<string, Migration>,
): Promise<TestDatabase<DB>> {
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
      const row = await (db as Kysely<any>)
        .selectFrom(table as string)
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow();
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
  errors?: {
    message: string;
    path?: readonly (string | number)[];
    extensions?: { code?: string; [key: string]: unknown };
  }[];
}

interface TestableServer {
  apollo: {
    start(): Promise<void>;
    stop(): Promise<void>;
    executeOperation(
      request: { query: string; variables?: Record<string, unknown> },
      options: { contextValue: any },
    ): Promise<{ body: { kind: string; singleResult?: unknown } }>;
  };
  createContext(): unknown;
  /** The domain's job runner, when it runs jobs. */
  jobs?: { idle(): Promise<void>; stop(): Promise<void> };
}

/** Who subgraph tests run as unless they say otherwise: a subject holding every scope. */
export const TEST_VIEWER: Viewer = { subject: 'test-analyst', scopes: ALL_SCOPES };

export interface SubgraphUnderTest<DB> {
  testDb: TestDatabase<DB>;
  /** Runs one operation with a fresh per-request context, as an HTTP request would get, as TEST_VIEWER or the given viewer. */
  run(query: string, variables?: Record<string, unknown>, viewer?: Viewer): Promise<OperationResult>;
  /** Waits until the domain's job runner has run every job queued so far. */
  jobsIdle(): Promise<void>;
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
    run: async (query, variables = {}, viewer = TEST_VIEWER) => {
      const response = await server.apollo.executeOperation(
        { query, variables },
        { contextValue: { ...(server.createContext() as object), viewer } },
      );
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult as OperationResult;
    },
    jobsIdle: async () => server.jobs?.idle(),
    stop: async () => {
      await server.jobs?.stop();
      await server.apollo.stop();
      await testDb.destroy();
    },
  };
}

/** The code of a result's first error, if any. */
export const errorCodeOf = (result: OperationResult) => result.errors?.[0]?.extensions?.code;

/** A job as a subgraph answers it, read through `_entities` (every job-running domain resolves its own jobs). */
export interface JobResult {
  id: string;
  kind: string;
  status: string;
  progress: number;
  error: string | null;
  result: string | null;
}

/** Runs a mutation that starts a job (its first field answers the Job), waits for the job to end and returns it as it ended. */
export async function runJobToEnd(
  subgraph: SubgraphUnderTest<any>,
  mutation: string,
  variables?: Record<string, unknown>,
): Promise<JobResult> {
  const started = await subgraph.run(mutation, variables);
  if (started.errors) throw new Error(`the job did not start: ${JSON.stringify(started.errors)}`);
  const job = Object.values(started.data)[0] as { id: string };
  await subgraph.jobsIdle();
  const ended = await subgraph.run(
    `query($id: ID!) { _entities(representations: [{ __typename: "Job", id: $id }]) { ... on Job { id kind status progress error result } } }`,
    { id: job.id },
  );
  if (ended.errors) throw new Error(`could not read job ${job.id}: ${JSON.stringify(ended.errors)}`);
  return ended.data._entities[0];
}
