import { z } from 'zod';
import { DEFAULT_PORTS, SUBGRAPH_NAMES, parseEnv, type SubgraphName } from '../../shared/config.js';

export interface GatewayConfig {
  host: string;
  port: number;
  supergraphPath: string;
  /** Subgraph URL overrides by name; a missing entry keeps the URL composed into the supergraph. */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  /** How long the gateway waits for one subgraph request before answering with an error for it. */
  subgraphTimeoutMs: number;
  /** The same for a mutation that runs an analytics job (JOB_MUTATIONS), which may take minutes on large data. */
  jobTimeoutMs?: number;
  logLevel: string;
}

/** Mutations that run a job over a whole domain's data rather than touch a few rows. */
export const JOB_MUTATIONS = ['refreshRfm', 'fitClvModel', 'mineAssociationRules', 'buildAudience', 'runCartReminderTrigger'] as const;
export const DEFAULT_JOB_TIMEOUT_MS = 600_000;

/** Reads GATEWAY_* and `<SUBGRAPH>_URL` variables once at start-up. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env, defaultSupergraphPath: string): GatewayConfig {
  const urlVars = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_URL`, z.string().url().optional()]));
  const schema = z.object({
    GATEWAY_HOST: z.string().min(1).default('127.0.0.1'),
    GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_PORTS.gateway),
    SUPERGRAPH_PATH: z.string().min(1).default(defaultSupergraphPath),
    SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    SUBGRAPH_JOB_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(DEFAULT_JOB_TIMEOUT_MS),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ...urlVars,
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
    subgraphUrls,
    subgraphTimeoutMs: parsed.SUBGRAPH_TIMEOUT_MS as number,
    jobTimeoutMs: parsed.SUBGRAPH_JOB_TIMEOUT_MS as number,
    logLevel: parsed.LOG_LEVEL as string,
  };
}
