import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type LogEvent,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import pg from 'pg';
import { StopWhenRequestAbandoned } from './request-scope.js';
import type { BackoffOptions } from './backoff.js';
import type { Logger } from './logger.js';
import { observeSqlQuery, watchPool } from './metrics.js';
import { probeServer, ResilientPool } from './postgres-pool.js';
import { recordSqlSpan } from './tracing.js';

// numeric and bigint (e.g. count(*)) come back as JS numbers on both drivers, so repositories
// see the same values on PGlite and on a Postgres server. Amounts stay well below 2^53.
const NUMERIC_OID = 1700;
const INT8_OID = 20;
const parseNumeric = (value: string) => Number(value);

/**
 * The row types of a database the code at hand does not own: shared infrastructure (migrations, the
 * outbox, consumers, jobs, the seeder) runs against every domain's database and types its own tables
 * where it queries them. Kysely's documented idiom for such code is `Kysely<any>`.
 */
// biome-ignore lint/suspicious/noExplicitAny: the one place the untyped database is spelled, see above.
export type AnyDatabase = any;

export interface DatabaseOptions {
  /** A Postgres connection string; when absent an embedded PGlite database is used. */
  url?: string;
  /** PGlite data folder; `memory://` (or undefined) keeps the database in memory. */
  dataDir?: string;
  /** Postgres schema that the connection's search_path points at; created if missing. */
  schema: string;
  /** Called after every statement, e.g. to count SQL per request in tests. */
  onQuery?: (event: LogEvent) => void;
  /** Max pool size for Postgres. */
  poolSize?: number;
  /** Where lost connections, outages and reconnects are reported (Postgres only). */
  logger?: Logger;
  /** How often to try reconnecting after Postgres went away; see DEFAULT_RECONNECT_BACKOFF. */
  reconnect?: BackoffOptions;
}

/** How long a new Postgres connection may take before the attempt counts as failed. */
const CONNECT_TIMEOUT_MS = 5_000;

class TimedConnectClient extends pg.Client {
  constructor(config?: pg.ClientConfig) {
    super({ ...config, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  }
}

/** Opens a domain database through Kysely: pg for a server URL, embedded PGlite otherwise. */
export async function createDatabase<DB>(options: DatabaseOptions): Promise<Kysely<DB>> {
  const dialect = options.url ? await postgresDialect(options) : await pgliteDialect(options);
  return new Kysely<DB>({
    dialect,
    plugins: [new StopWhenRequestAbandoned()],
    log: (event) => {
      observeSqlQuery(options.schema, event.level === 'error' ? 'error' : 'ok', event.queryDurationMillis);
      // Kysely calls this in the request's async context, so the span lands under its server span.
      recordSqlSpan({
        sql: event.query.sql,
        durationMs: event.queryDurationMillis,
        schema: options.schema,
        error: event.level === 'error' ? event.error : undefined,
      });
      options.onQuery?.(event);
    },
  });
}

async function postgresDialect(options: DatabaseOptions): Promise<Dialect> {
  const connection = { connectionString: options.url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, keepAlive: true };
  const pgPool = new pg.Pool({
    connectionString: options.url,
    keepAlive: true,
    // pg-pool would apply connectionTimeoutMillis to waiting for a free client too; only the
    // socket connect should be bounded, so the timeout goes to each client.
    Client: TimedConnectClient,
    max: options.poolSize ?? 10,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === NUMERIC_OID || oid === INT8_OID
          ? parseNumeric
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  watchPool(options.schema, pgPool);
  const pool = new ResilientPool({
    pool: pgPool,
    probe: () => probeServer(connection),
    reconnect: options.reconnect,
    logger: options.logger,
    schema: options.schema,
  });
  // The schema must exist before any pooled connection sets its search_path to it.
  try {
    const client = await pool.connect();
    try {
      await client.query(`create schema if not exists ${quoteIdent(options.schema)}`, []);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return new PostgresDialect({
    pool,
    // Runs once per pooled connection, before its first statement, so every query sees the domain's schema.
    onCreateConnection: async (connection) => {
      await connection.executeQuery(CompiledQuery.raw(`set search_path to ${quoteIdent(options.schema)}, public`));
    },
  });
}

async function pgliteDialect(options: DatabaseOptions): Promise<Dialect> {
  const dataDir = options.dataDir && options.dataDir !== 'memory://' ? options.dataDir : undefined;
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create({
    dataDir,
    parsers: { [NUMERIC_OID]: parseNumeric, [INT8_OID]: parseNumeric },
  });
  await pglite.exec(
    `create schema if not exists ${quoteIdent(options.schema)}; set search_path to ${quoteIdent(options.schema)}, public;`,
  );
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new PGliteDriver(pglite),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
}

/** Quotes a SQL identifier (schema names come from validated config, but quote anyway). */
export function quoteIdent(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/**
 * PGlite is a single Postgres backend in this process. Kysely hands a connection to one
 * transaction at a time; the mutex makes everybody else wait, which is what a pool of one
 * connection does, so a transaction never interleaves with another request's statements.
 */
class PGliteDriver implements Driver {
  readonly #pglite: PGlite;
  readonly #mutex = new ConnectionMutex();
  readonly #connection: PGliteConnection;

  constructor(pglite: PGlite) {
    this.#pglite = pglite;
    this.#connection = new PGliteConnection(pglite);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const isolation = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    await connection.executeQuery(CompiledQuery.raw(`begin${isolation}`));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }

  async destroy(): Promise<void> {
    if (!this.#pglite.closed) await this.#pglite.close();
  }
}

class PGliteConnection implements DatabaseConnection {
  readonly #pglite: PGlite;

  constructor(pglite: PGlite) {
    this.#pglite = pglite;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.#pglite.query<R>(compiledQuery.sql, [...compiledQuery.parameters]);
    return {
      rows: result.rows,
      numAffectedRows: result.affectedRows === undefined ? undefined : BigInt(result.affectedRows),
    };
  }

  // biome-ignore lint/correctness/useYield: Kysely's driver interface requires the generator; PGlite cannot stream.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite driver does not support streaming queries');
  }
}

class ConnectionMutex {
  #promise?: Promise<void>;
  #resolve?: () => void;

  async lock(): Promise<void> {
    while (this.#promise) await this.#promise;
    this.#promise = new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }

  unlock(): void {
    const resolve = this.#resolve;
    this.#promise = undefined;
    this.#resolve = undefined;
    resolve?.();
  }
}
