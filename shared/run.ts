import type { ApolloServer, BaseContext } from '@apollo/server';
import type { Kysely, Migration } from 'kysely';
import path from 'node:path';
import { importJWK, type CryptoKey, type JWK } from 'jose';
import { createProofVerifier, KEY_FILES, loadOrCreateKeyPair } from './auth.js';
import { loadSubgraphConfig, type SubgraphConfig, type SubgraphName } from './config.js';
import { createDatabase } from './db.js';
import { createLogger, type Logger } from './logger.js';
import { migrateToLatest } from './migrate.js';
import { listen } from './server.js';

interface SubgraphModule<DB, C extends BaseContext> {
  name: SubgraphName;
  migrations: Record<string, Migration>;
  createServer(deps: { db: Kysely<DB>; logger?: Logger }): {
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

/** The body of every subgraph's index.ts: read config, open and migrate its database, listen, stop cleanly on a signal. */
export async function runSubgraph<DB, C extends BaseContext>(module: SubgraphModule<DB, C>): Promise<void> {
  const config = loadSubgraphConfig(module.name);
  const logger = createLogger(module.name, config.logLevel);
  const db = await createDatabase<DB>({ url: config.databaseUrl, dataDir: config.dataDir, schema: config.dbSchema });
  const applied = await migrateToLatest(db as Kysely<any>, module.migrations, config.dbSchema);
  logger.info({ subgraph: module.name, storage: config.databaseUrl ? 'postgres' : 'pglite', dataDir: config.databaseUrl ? undefined : config.dataDir, applied }, 'database ready');

  const { apollo, createContext, isReady, background } = module.createServer({ db, logger });
  await apollo.start();
  const verifyProof = createProofVerifier({ publicKey: await gatewayProofKey(config), subgraph: module.name });
  const server = await listen({ apollo, context: createContext, isReady, verifyProof, host: config.host, port: config.port, logger });
  logger.info({ subgraph: module.name, url: server.url }, 'subgraph listening');
  background?.start();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ subgraph: module.name, signal }, 'stopping');
    await background?.stop();
    await server.close();
    await apollo.stop();
    // Closing PGlite flushes its data folder; skipping it can leave the next start to recover.
    await db.destroy();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** The key that verifies the gateway's proofs: given by environment in production, the shared local key otherwise. */
async function gatewayProofKey(config: SubgraphConfig): Promise<CryptoKey> {
  if (config.proofPublicKey) {
    let jwk: JWK;
    try {
      jwk = JSON.parse(config.proofPublicKey) as JWK;
    } catch {
      throw new Error(`Invalid configuration for ${config.name}:\n  GATEWAY_PROOF_PUBLIC_KEY: not a JSON Web Key`);
    }
    return (await importJWK(jwk, 'EdDSA')) as CryptoKey;
  }
  return (await loadOrCreateKeyPair(path.join(config.keysDir, KEY_FILES.subgraphProof), 'EdDSA')).publicKey;
}
