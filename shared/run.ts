import type { ApolloServer, BaseContext } from '@apollo/server';
import type { Kysely, Migration } from 'kysely';
import path from 'node:path';
import { importJWK, type CryptoKey, type JWK } from 'jose';
import { createProofVerifier, KEY_FILES, loadOrCreateKeyPair } from './auth.js';
import { type RetentionPolicy, retentionJobs, SHARED_RETENTION } from './retention.js';
import { retryWithBackoff, type BackoffOptions } from './backoff.js';
import {
  ConfigError,
  exitOnConfigError,
  loadSubgraphConfig,
  type SubgraphConfig,
  type SubgraphName,
} from './config.js';
import { type AnyDatabase, createDatabase } from './db.js';
import { errorCodeOf, isDatabaseUnavailable } from './db-errors.js';
import { createEventTransport, eventLogRoute, startRelay, type EventTransport, type Relay } from './events/index.js';
import { createLogger, type Logger } from './logger.js';
import { migrateToLatest } from './migrate.js';
import { listen, type RunningServer } from './server.js';
import { startTracing } from './tracing.js';

interface SubgraphModule<DB, C extends BaseContext> {
  name: SubgraphName;
  migrations: Record<string, Migration>;
  /** The domain's own retention policies (shared/retention.ts has those every domain shares). */
  retention?: RetentionPolicy[];
  createServer(deps: { db: Kysely<DB>; logger?: Logger; events?: EventTransport }): {
    apollo: ApolloServer<C>;
    createContext: () => C;
    isReady: () => Promise<void>;
    /** Work the service runs on its own (timers, triggers): started once it listens, stopped before the database closes. */
    background?: BackgroundJobs;
  };
}

/** A service's own recurring work, such as a trigger that runs on an interval. */
export interface BackgroundJobs {
  start(): void;
  stop(): Promise<void>;
}

/** Waiting for a database that is not up yet at start-up (e.g. both started by one compose file). */
export const STARTUP_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 10_000 };

interface RunningSubgraph<DB, C extends BaseContext> {
  db: Kysely<DB>;
  apollo: ApolloServer<C>;
  server: RunningServer;
  background?: BackgroundJobs;
  events: EventTransport;
  relay: Relay;
}

/**
 * The body of every subgraph's index.ts: read config, open and migrate its database (waiting
 * with back-off while it is unreachable), listen, and drain on SIGTERM/SIGINT.
 */
export async function runSubgraph<DB, C extends BaseContext>(module: SubgraphModule<DB, C>): Promise<void> {
  let config: SubgraphConfig;
  try {
    config = loadSubgraphConfig(module.name);
  } catch (error) {
    exitOnConfigError(error);
  }
  const logger = createLogger(module.name, config.logLevel);
  const tracing = config.tracing ? await startTracing(config.tracing) : undefined;
  if (config.tracing)
    logger.info(
      { subgraph: module.name, endpoint: config.tracing.endpoint, serviceName: config.tracing.serviceName },
      'exporting traces over OTLP',
    );
  const startup = new AbortController();
  const started = startSubgraph(module, config, logger, startup.signal);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ subgraph: module.name, signal, drainTimeoutMs: config.drainTimeoutMs }, 'stopping');
    startup.abort(new Error(`stopped by ${signal}`));
    const running = await started.catch(() => undefined);
    if (running) {
      const { server, apollo, db, background, events, relay } = running;
      // Readiness turns false and the listener closes first; requests in flight finish (up to
      // the drain timeout) while background work (consumers among it) and the outbox relay wind
      // down; only then do the event transport, Apollo and the pool go. Events committed but not
      // yet relayed stay in the outbox for the next start.
      const [{ timedOut }] = await Promise.all([
        server.close({ drainTimeoutMs: config.drainTimeoutMs }),
        background?.stop(),
        relay.stop(),
      ]);
      if (timedOut)
        logger.warn(
          { subgraph: module.name, drainTimeoutMs: config.drainTimeoutMs },
          'drain timed out; cut the requests still in flight',
        );
      await events
        .close()
        .catch((err) => logger.warn({ subgraph: module.name, err }, 'closing the event transport failed'));
      await apollo.stop();
      // Closing PGlite flushes its data folder; skipping it can leave the next start to recover.
      await db.destroy();
    }
    // The last requests' spans are still in the batch.
    await tracing
      ?.shutdown()
      .catch((err) => logger.warn({ subgraph: module.name, err }, 'could not export the last spans'));
    logger.info({ subgraph: module.name }, 'stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  try {
    await started;
  } catch (error) {
    // A stop during start-up ends the wait for the database; stop() exits.
    if (!stopping) exitOnConfigError(error);
  }
}

async function startSubgraph<DB, C extends BaseContext>(
  module: SubgraphModule<DB, C>,
  config: SubgraphConfig,
  logger: Logger,
  signal: AbortSignal,
): Promise<RunningSubgraph<DB, C> | undefined> {
  const db = await retryWithBackoff(() => openDatabase<DB>(module.name, module.migrations, config, logger), {
    ...STARTUP_BACKOFF,
    retryIf: isDatabaseUnavailable,
    signal,
    onRetry: ({ attempt, delayMs, error }) =>
      logger.warn(
        { subgraph: module.name, attempt, retryInMs: delayMs, code: errorCodeOf(error) },
        'database not reachable yet; waiting',
      ),
  });
  if (signal.aborted) {
    await db.destroy();
    return undefined;
  }

  const events = createEventTransport({
    natsUrl: config.natsUrl,
    producerUrls: config.eventLogUrls,
    logger,
    name: module.name,
  });
  const created = module.createServer({ db, logger, events });
  const { apollo, createContext, isReady } = created;
  // Every domain enforces its retention (the shared policies and its own) beside its other background work.
  const background = allBackground(
    ...(created.background ? [created.background] : []),
    retentionJobs(db as Kysely<AnyDatabase>, [...SHARED_RETENTION, ...(module.retention ?? [])], logger),
  );
  await apollo.start();
  const verifyProof = createProofVerifier({ publicKey: await gatewayProofKey(config), subgraph: module.name });
  // Without a broker this service's outbox is served as its event log; long polls end when it stops.
  const routes =
    events.kind === 'log' ? { '/events': eventLogRoute({ db, producer: module.name, signal }) } : undefined;
  const server = await listen({
    name: module.name,
    apollo,
    context: createContext,
    isReady,
    verifyProof,
    host: config.host,
    port: config.port,
    logger,
    routes,
  });
  logger.info({ subgraph: module.name, url: server.url, events: events.kind }, 'subgraph listening');
  const relay = startRelay({ db, producer: module.name, publisher: events.publisher(module.name), logger });
  background.start();
  return { db, apollo, server, background, events, relay };
}

async function openDatabase<DB>(
  name: SubgraphName,
  migrations: Record<string, Migration>,
  config: SubgraphConfig,
  logger: Logger,
): Promise<Kysely<DB>> {
  const db = await createDatabase<DB>({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    schema: config.dbSchema,
    logger,
  });
  try {
    const applied = await migrateToLatest(db as Kysely<AnyDatabase>, migrations, config.dbSchema);
    logger.info(
      {
        subgraph: name,
        storage: config.databaseUrl ? 'postgres' : 'pglite',
        dataDir: config.databaseUrl ? undefined : config.dataDir,
        applied,
      },
      'database ready',
    );
    return db;
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
}

/** The key that verifies the gateway's proofs: given by environment in production, the shared local key otherwise. */
async function gatewayProofKey(config: SubgraphConfig): Promise<CryptoKey> {
  if (config.proofPublicKey) {
    let jwk: JWK;
    try {
      jwk = JSON.parse(config.proofPublicKey) as JWK;
    } catch {
      throw new ConfigError(config.name, [{ variable: 'GATEWAY_PROOF_PUBLIC_KEY', problem: 'not a JSON Web Key' }]);
    }
    return (await importJWK(jwk, 'EdDSA')) as CryptoKey;
  }
  return (await loadOrCreateKeyPair(path.join(config.keysDir, KEY_FILES.subgraphProof), 'EdDSA')).publicKey;
}

/** Several pieces of background work as one: started in order, stopped together. */
export function allBackground(...jobs: BackgroundJobs[]): BackgroundJobs {
  return {
    start: () => {
      for (const job of jobs) job.start();
    },
    stop: async () => void (await Promise.all(jobs.map((job) => job.stop()))),
  };
}
