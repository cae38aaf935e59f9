// A pg pool that survives the server going away: every client has an error listener (an
// unhandled 'error' from a dropped connection would crash the process), failures are reported
// as DatabaseUnavailableError, and after an outage one probe reconnects with back-off while
// requests fail fast instead of each waiting on a dead server.
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { backoffDelayMs, type BackoffOptions } from './backoff.js';
import { DatabaseUnavailableError, errorCodeOf, isDatabaseUnavailable } from './db-errors.js';
import type { Logger } from './logger.js';
import { requestScope } from './request-scope.js';

/** Reconnect probing after an outage: quick at first, never more than a few seconds apart. */
export const DEFAULT_RECONNECT_BACKOFF: BackoffOptions = { initialMs: 250, maxMs: 5_000 };

export interface ResilientPoolOptions {
  pool: pg.Pool;
  /** Succeeds when the server accepts a new connection again; runs outside the pool. */
  probe: () => Promise<void>;
  reconnect?: BackoffOptions;
  logger?: Logger;
  /** Names the database in log lines (the domain's schema). */
  schema: string;
}

interface Outage {
  since: number;
  error: unknown;
  attempt: number;
  timer?: NodeJS.Timeout;
}

/** Wraps a pg.Pool for Kysely's PostgresDialect; see the file comment. */
export class ResilientPool implements PostgresPool {
  readonly #pool: pg.Pool;
  readonly #options: ResilientPoolOptions;
  // Clients whose connection has failed: their next statement cannot succeed, and they must not go back to the pool.
  readonly #broken = new WeakSet<pg.PoolClient>();
  // Kysely keys its per-connection state (search_path set or not) by client object, so each pg client gets one wrapper.
  readonly #wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  #outage?: Outage;
  #connectedOnce = false;
  #ended = false;

  constructor(options: ResilientPoolOptions) {
    this.#options = options;
    this.#pool = options.pool;
    // An idle client whose server went away: the pool has already dropped it, and the client
    // listener below logged it. Without this listener the pool's 'error' event kills the process.
    this.#pool.on('error', () => undefined);
    this.#pool.on('connect', (client) => {
      client.on('error', (error) => {
        this.#broken.add(client);
        this.#options.logger?.warn({ schema: options.schema, code: errorCodeOf(error) }, 'database connection lost');
      });
    });
  }

  /** True while the server is known to be unreachable and the probe is waiting to reconnect. */
  get unavailable(): boolean {
    return this.#outage !== undefined;
  }

  async connect(): Promise<PostgresPoolClient> {
    if (this.#outage) {
      throw new DatabaseUnavailableError(`database ${this.#options.schema} is unavailable; reconnecting`, {
        cause: this.#outage.error,
      });
    }
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (error) {
      if (!isConnectFailure(error)) throw error;
      // Before the first connection this is start-up, which runSubgraph retries itself.
      if (this.#connectedOnce) this.#beginOutage(error);
      throw new DatabaseUnavailableError(`cannot connect to database ${this.#options.schema}`, { cause: error });
    }
    this.#connectedOnce = true;
    return this.#wrap(client);
  }

  async end(): Promise<void> {
    this.#ended = true;
    clearTimeout(this.#outage?.timer);
    await this.#pool.end();
  }

  #wrap(client: pg.PoolClient): PostgresPoolClient {
    let wrapper = this.#wrappers.get(client);
    if (!wrapper) {
      wrapper = {
        query: (async (sql: string, parameters: ReadonlyArray<unknown>) => {
          // When the caller of the request this statement serves stops waiting (the gateway timed
          // out, its client left), cancel the statement on the server rather than let it run on.
          const abandoned = requestScope.getStore()?.signal;
          // The statement returns only once a cancel it triggered has been delivered: released
          // earlier, the connection could serve someone else's statement when the cancel lands.
          let cancelling: Promise<void> | undefined;
          const cancel = () => {
            cancelling = this.#cancelBackend((client as pg.PoolClient & { processID?: number }).processID);
          };
          abandoned?.addEventListener('abort', cancel, { once: true });
          try {
            return await client.query(sql, parameters as unknown[]);
          } catch (error) {
            if (this.#broken.has(client) || isDatabaseUnavailable(error)) {
              throw new DatabaseUnavailableError(`lost the connection to database ${this.#options.schema}`, {
                cause: error,
              });
            }
            throw error;
          } finally {
            abandoned?.removeEventListener('abort', cancel);
            await cancelling;
          }
        }) as unknown as PostgresPoolClient['query'],
        release: () => client.release(this.#broken.has(client) ? true : undefined),
      };
      this.#wrappers.set(client, wrapper);
    }
    return wrapper;
  }

  /** Asks the server to cancel what one backend is running, over a connection of its own (the pool may be exhausted). */
  async #cancelBackend(processID: number | undefined): Promise<void> {
    if (!processID) return;
    const canceller = new pg.Client(this.#pool.options);
    canceller.on('error', () => undefined);
    try {
      await canceller.connect();
      await canceller.query('select pg_cancel_backend($1)', [processID]);
      this.#options.logger?.info(
        { schema: this.#options.schema, backend: processID },
        'cancelled the statement of an abandoned request',
      );
    } catch (error) {
      this.#options.logger?.warn(
        { schema: this.#options.schema, code: errorCodeOf(error) },
        'could not cancel the statement of an abandoned request',
      );
    } finally {
      await canceller.end().catch(() => undefined);
    }
  }

  #beginOutage(error: unknown): void {
    if (this.#outage || this.#ended) return;
    this.#outage = { since: Date.now(), error, attempt: 0 };
    this.#options.logger?.warn(
      { schema: this.#options.schema, code: errorCodeOf(error) },
      'database unavailable; reconnecting with back-off',
    );
    this.#scheduleProbe();
  }

  #scheduleProbe(): void {
    const outage = this.#outage;
    if (!outage || this.#ended) return;
    outage.attempt += 1;
    const delayMs = backoffDelayMs(outage.attempt, this.#options.reconnect ?? DEFAULT_RECONNECT_BACKOFF);
    outage.timer = setTimeout(() => void this.#probe(outage), delayMs);
    // The HTTP server keeps the process alive; a pending probe must not keep a stopping one.
    outage.timer.unref();
  }

  async #probe(outage: Outage): Promise<void> {
    try {
      await this.#options.probe();
    } catch (error) {
      outage.error = error;
      this.#options.logger?.warn(
        {
          schema: this.#options.schema,
          attempt: outage.attempt,
          code: errorCodeOf(error),
          downMs: Date.now() - outage.since,
        },
        'database still unavailable',
      );
      this.#scheduleProbe();
      return;
    }
    this.#outage = undefined;
    this.#options.logger?.info(
      { schema: this.#options.schema, attempts: outage.attempt, downMs: Date.now() - outage.since },
      'database reachable again',
    );
  }
}

/**
 * A failure of pool.connect() that an outage explains: a socket or connection-class code, or no
 * SQLSTATE at all (pg's own connect timeout and "terminated" errors carry none). A SQLSTATE from
 * another class (28P01 wrong password, 3D000 no such database) is configuration, not an outage.
 */
export function isConnectFailure(error: unknown): boolean {
  if (isDatabaseUnavailable(error)) return true;
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code);
}

/** Opens one connection outside any pool and runs `select 1`; rejects when the server does not answer. */
export async function probeServer(config: pg.ClientConfig): Promise<void> {
  const client = new pg.Client(config);
  // A probe whose connection dies is a failed probe, reported by connect() or query().
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}
