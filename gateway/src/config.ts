import { z } from 'zod';
import { DEFAULT_PORTS, SUBGRAPH_NAMES, keyVariables, parseEnv, type SubgraphName } from '../../shared/config.js';
import { tracingConfigOf, tracingVariables, type TracingConfig } from '../../shared/tracing.js';

export interface GatewayConfig {
  host: string;
  port: number;
  supergraphPath: string;
  /** How often the supergraph file is read again, in ms; a changed version is loaded without a restart. 0 turns it off. */
  supergraphPollMs?: number;
  /** Subgraph URL overrides by name; a missing entry keeps the URL composed into the supergraph. */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  /** How long the gateway waits for one subgraph request before answering with an error for it. */
  subgraphTimeoutMs: number;
  /** The same for a mutation that runs an analytics job (JOB_MUTATIONS), which may take minutes on large data. */
  jobTimeoutMs?: number;
  /** On SIGTERM, how long requests in flight may take to finish before their connections are cut. */
  drainTimeoutMs?: number;
  logLevel: string;
  auth: AuthConfig;
  edge: EdgeConfig;
  /** Where to export OpenTelemetry traces (OTEL_EXPORTER_OTLP_*); undefined leaves tracing off. */
  tracing?: TracingConfig;
}

/** How the gateway verifies tokens and proves itself to subgraphs. */
export interface AuthConfig {
  /** Production mode (NODE_ENV=production or a JWKS URL set): local development tokens are refused, introspection needs schema:read, suggestions are off. */
  production: boolean;
  issuer: string;
  audience: string;
  /** Where production signing keys are published; absent in development, where the local issuer key is used. */
  jwksUrl?: string;
  /** Accepted signature algorithms for JWKS keys. */
  algorithms: string[];
  /** Folder of the local development keys (issuer and subgraph proof). */
  keysDir: string;
  /** The subgraph-proof signing key as a private JWK (production); the local key file otherwise. */
  proofPrivateKey?: string;
}

/** What the gateway lets through its front door. */
export interface EdgeConfig {
  /** Origins allowed to call from a browser; any other Origin gets no CORS headers. */
  corsOrigins: string[];
  maxBodyBytes: number;
  maxHeaderBytes: number;
  rateLimit: { perSecond: number; burst: number; redisUrl?: string; keyPrefix?: string };
  trustedDocumentsPath: string;
}

/** Defaults of the edge, for tests and embedders that build a config by hand. */
export function defaultAuthConfig(overrides: Partial<AuthConfig> = {}): AuthConfig {
  return {
    production: false,
    issuer: 'mesh360-local',
    audience: 'mesh360',
    algorithms: ['RS256', 'ES256'],
    keysDir: '.data/keys',
    ...overrides,
  };
}

export const DEFAULT_TRUSTED_DOCUMENTS = 'gateway/trusted-documents.json';

export function defaultEdgeConfig(overrides: Partial<EdgeConfig> = {}): EdgeConfig {
  return {
    corsOrigins: ['http://127.0.0.1:4000', 'http://localhost:4000', 'http://127.0.0.1:5173', 'http://localhost:5173'],
    maxBodyBytes: 1_048_576,
    maxHeaderBytes: 16_384,
    rateLimit: { perSecond: 50, burst: 200 },
    trustedDocumentsPath: DEFAULT_TRUSTED_DOCUMENTS,
    ...overrides,
  };
}

/** Mutations that run a job over a whole domain's data rather than touch a few rows. */
export const JOB_MUTATIONS = [
  'refreshRfm',
  'fitClvModel',
  'mineAssociationRules',
  'buildAudience',
  'runCartReminderTrigger',
] as const;
export const DEFAULT_JOB_TIMEOUT_MS = 600_000;

/** Reads GATEWAY_* and `<SUBGRAPH>_URL` variables once at start-up. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env, defaultSupergraphPath: string): GatewayConfig {
  const urlVars = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_URL`, z.string().url().optional()]),
  );
  const schema = z.object({
    GATEWAY_HOST: z.string().min(1).default('127.0.0.1'),
    GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_PORTS.gateway),
    SUPERGRAPH_PATH: z.string().min(1).default(defaultSupergraphPath),
    SUPERGRAPH_POLL_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
    SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    SUBGRAPH_JOB_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(DEFAULT_JOB_TIMEOUT_MS),
    DRAIN_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ...urlVars,
    ...keyVariables,
    AUTH_ISSUER: z.string().min(1).default(defaultAuthConfig().issuer),
    AUTH_AUDIENCE: z.string().min(1).default(defaultAuthConfig().audience),
    AUTH_JWKS_URL: z.string().url().optional(),
    AUTH_ALGORITHMS: z
      .string()
      .regex(/^(RS256|RS384|RS512|ES256|ES384|ES512|PS256|EdDSA)(,(RS256|RS384|RS512|ES256|ES384|ES512|PS256|EdDSA))*$/)
      .default('RS256,ES256'),
    GATEWAY_PROOF_PRIVATE_KEY: z.string().min(1).optional(),
    CORS_ORIGINS: z.string().default(defaultEdgeConfig().corsOrigins.join(',')),
    MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(100 * 1_048_576)
      .default(defaultEdgeConfig().maxBodyBytes),
    MAX_HEADER_BYTES: z.coerce.number().int().min(1024).max(1_048_576).default(defaultEdgeConfig().maxHeaderBytes),
    RATE_LIMIT_PER_SECOND: z.coerce
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .default(defaultEdgeConfig().rateLimit.perSecond),
    RATE_LIMIT_BURST: z.coerce.number().int().min(0).max(1_000_000).default(defaultEdgeConfig().rateLimit.burst),
    REDIS_URL: z.string().url().optional(),
    TRUSTED_DOCUMENTS_PATH: z.string().min(1).default(DEFAULT_TRUSTED_DOCUMENTS),
    ...tracingVariables,
  });
  const parsed = parseEnv(schema, env, 'gateway') as Record<string, unknown>;
  const subgraphUrls: Partial<Record<SubgraphName, string>> = {};
  for (const name of SUBGRAPH_NAMES) {
    const url = parsed[`${name.toUpperCase()}_URL`];
    if (typeof url === 'string') subgraphUrls[name] = url;
  }
  return {
    host: parsed.GATEWAY_HOST as string,
    port: parsed.GATEWAY_PORT as number,
    supergraphPath: parsed.SUPERGRAPH_PATH as string,
    supergraphPollMs: parsed.SUPERGRAPH_POLL_INTERVAL_MS as number,
    subgraphUrls,
    subgraphTimeoutMs: parsed.SUBGRAPH_TIMEOUT_MS as number,
    jobTimeoutMs: parsed.SUBGRAPH_JOB_TIMEOUT_MS as number,
    drainTimeoutMs: parsed.DRAIN_TIMEOUT_MS as number,
    logLevel: parsed.LOG_LEVEL as string,
    auth: {
      production: parsed.NODE_ENV === 'production' || typeof parsed.AUTH_JWKS_URL === 'string',
      issuer: parsed.AUTH_ISSUER as string,
      audience: parsed.AUTH_AUDIENCE as string,
      jwksUrl: parsed.AUTH_JWKS_URL as string | undefined,
      algorithms: (parsed.AUTH_ALGORITHMS as string).split(','),
      keysDir: parsed.MESH_KEYS_DIR as string,
      proofPrivateKey: parsed.GATEWAY_PROOF_PRIVATE_KEY as string | undefined,
    },
    edge: {
      corsOrigins: (parsed.CORS_ORIGINS as string)
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
      maxBodyBytes: parsed.MAX_BODY_BYTES as number,
      maxHeaderBytes: parsed.MAX_HEADER_BYTES as number,
      rateLimit: {
        perSecond: parsed.RATE_LIMIT_PER_SECOND as number,
        burst: parsed.RATE_LIMIT_BURST as number,
        redisUrl: parsed.REDIS_URL as string | undefined,
      },
      trustedDocumentsPath: parsed.TRUSTED_DOCUMENTS_PATH as string,
    },
    tracing: tracingConfigOf(parsed, 'gateway'),
  };
}
