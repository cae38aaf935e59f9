import { z } from 'zod';
import path from 'node:path';
import { tracingConfigOf, tracingVariables, type TracingConfig } from './tracing.js';

/** The domains of the mesh (`npm run new:subgraph` adds one; subgraphs/registry.ts holds their code). */
export const SUBGRAPH_NAMES = [
  'customers',
  'orders',
  'inventory',
  'campaigns',
  'reviews',
  // new:subgraph name (keep this marker)
] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

/** Default ports, one per service, so `npm start` needs no configuration. */
export const DEFAULT_PORTS: Record<SubgraphName | 'gateway', number> = {
  gateway: 4000,
  customers: 4001,
  orders: 4002,
  inventory: 4003,
  campaigns: 4004,
  reviews: 4005,
  // new:subgraph port (keep this marker)
};

export interface SubgraphConfig {
  name: SubgraphName;
  host: string;
  port: number;
  /** A Postgres connection string; when absent the subgraph uses embedded PGlite in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** The Postgres schema that holds this domain's tables and its migration bookkeeping. */
  dbSchema: string;
  logLevel: string;
  /** Where the local development keys live (the gateway's proof key among them). */
  keysDir: string;
  /** The gateway's proof-verification key as a public JWK; when absent the local key in keysDir is used. */
  proofPublicKey?: string;
  production: boolean;
  /** On SIGTERM, how long requests in flight may take to finish before their connections are cut. */
  drainTimeoutMs: number;
  /** NATS server URL(s) for domain events; when absent, events travel over each producer's HTTP log (no broker). */
  natsUrl?: string;
  /** Base URL of each domain's event log (no-broker mode), where this service's consumers pull from. */
  eventLogUrls: Record<SubgraphName, string>;
  /** Where to export OpenTelemetry traces (OTEL_EXPORTER_OTLP_*); undefined leaves tracing off. */
  tracing?: TracingConfig;
}

const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

/** Reads and validates one subgraph's configuration; it only looks at its own `<NAME>_*` variables (and LOG_LEVEL, DRAIN_TIMEOUT_MS, OTEL_*). */
export function loadSubgraphConfig(name: SubgraphName, env: NodeJS.ProcessEnv = process.env): SubgraphConfig {
  const prefix = name.toUpperCase();
  const schema = z.object({
    [`${prefix}_HOST`]: z.string().min(1).default('127.0.0.1'),
    [`${prefix}_PORT`]: z.coerce.number().int().min(0).max(65535).default(DEFAULT_PORTS[name]),
    [`${prefix}_DATABASE_URL`]: z.string().url().optional(),
    [`${prefix}_DATA_DIR`]: z.string().min(1).default(path.join('.data', name)),
    [`${prefix}_DB_SCHEMA`]: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/)
      .default(name),
    LOG_LEVEL: logLevel,
    ...keyVariables,
    GATEWAY_PROOF_PUBLIC_KEY: z.string().min(1).optional(),
    DRAIN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
    NATS_URL: natsUrl.optional(),
    ...eventLogVariables(env),
    ...tracingVariables,
  });
  const parsed = parseEnv(schema, env, name) as Record<string, unknown>;
  const production = parsed.NODE_ENV === 'production';
  if (production && !parsed.GATEWAY_PROOF_PUBLIC_KEY) {
    throw new ConfigError(name, [
      {
        variable: 'GATEWAY_PROOF_PUBLIC_KEY',
        problem: "required when NODE_ENV=production (the gateway's proof public key as a JWK)",
      },
    ]);
  }
  return {
    name,
    host: parsed[`${prefix}_HOST`] as string,
    port: parsed[`${prefix}_PORT`] as number,
    databaseUrl: parsed[`${prefix}_DATABASE_URL`] as string | undefined,
    dataDir: parsed[`${prefix}_DATA_DIR`] as string,
    dbSchema: parsed[`${prefix}_DB_SCHEMA`] as string,
    logLevel: parsed.LOG_LEVEL as string,
    keysDir: parsed.MESH_KEYS_DIR as string,
    proofPublicKey: parsed.GATEWAY_PROOF_PUBLIC_KEY as string | undefined,
    production,
    drainTimeoutMs: parsed.DRAIN_TIMEOUT_MS as number,
    natsUrl: parsed.NATS_URL as string | undefined,
    eventLogUrls: Object.fromEntries(
      SUBGRAPH_NAMES.map((producer) => [producer, parsed[`${producer.toUpperCase()}_EVENTS_URL`] as string]),
    ) as Record<SubgraphName, string>,
    tracing: tracingConfigOf(parsed, name),
  };
}

/** One or more NATS server URLs, comma-separated. */
const natsUrl = z
  .string()
  .regex(
    /^(nats|tls|ws|wss):\/\/[^\s,]+(,\s*(nats|tls|ws|wss):\/\/[^\s,]+)*$/,
    'expected nats://host:port (comma-separated for several servers)',
  );

/**
 * `<DOMAIN>_EVENTS_URL` for every domain: where its no-broker event log is served. By default the
 * domain's own port on loopback (the log answers loopback callers only), from `<DOMAIN>_PORT`.
 */
function eventLogVariables(env: NodeJS.ProcessEnv) {
  return Object.fromEntries(
    SUBGRAPH_NAMES.map((producer) => {
      const prefix = producer.toUpperCase();
      const port = Number(env[`${prefix}_PORT`]) || DEFAULT_PORTS[producer];
      return [`${prefix}_EVENTS_URL`, z.string().url().default(`http://127.0.0.1:${port}`)];
    }),
  );
}

/** Variables every service reads the same way: where local keys live and whether this is production. */
export const keyVariables = {
  MESH_KEYS_DIR: z.string().min(1).default(path.join('.data', 'keys')),
  NODE_ENV: z.string().optional(),
};

/** Configuration a service cannot start with: every bad variable and what is wrong with it. */
export class ConfigError extends Error {
  constructor(
    readonly service: string,
    readonly problems: { variable: string; problem: string }[],
  ) {
    super(
      `Invalid configuration for ${service}:\n${problems.map(({ variable, problem }) => `  ${variable}: ${problem}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/** Parses `env` with `schema`, reporting every invalid variable at once. */
export function parseEnv<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv, service: string): z.infer<T> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      service,
      result.error.issues.map((issue) => ({ variable: issue.path.join('.'), problem: issue.message })),
    );
  }
  return result.data;
}

/** Exit code of a service refused to start by its configuration (1 stays for crashes). */
export const CONFIG_ERROR_EXIT_CODE = 2;

/**
 * For entry points: a ConfigError becomes one readable stderr line per problem and exit code 2,
 * with no stack trace (nothing in the code is wrong); any other error is rethrown.
 */
export function exitOnConfigError(error: unknown): never {
  if (!(error instanceof ConfigError)) throw error;
  for (const { variable, problem } of error.problems)
    process.stderr.write(`mesh360 ${error.service}: invalid configuration: ${variable}: ${problem}\n`);
  process.exit(CONFIG_ERROR_EXIT_CODE);
}
