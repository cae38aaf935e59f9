import { z } from 'zod';
import { DEFAULT_PORTS, parseEnv } from '../../../shared/config.js';

/** What the campaigns service needs beyond the common subgraph config: how it reaches the graph. */
export interface CampaignsSettings {
  /** The gateway endpoint the campaigns domain queries as a client (audiences, attribution, triggers). */
  graphUrl: string;
  graphTimeoutMs: number;
}

export const DEFAULT_CAMPAIGNS_SETTINGS: CampaignsSettings = {
  graphUrl: `http://127.0.0.1:${DEFAULT_PORTS.gateway}/graphql`,
  graphTimeoutMs: 30_000,
};

/** Reads and validates the CAMPAIGNS_* settings, reporting every problem at once. */
export function loadCampaignsSettings(env: NodeJS.ProcessEnv): CampaignsSettings {
  const parsed = parseEnv(
    z.object({
      CAMPAIGNS_GRAPH_URL: z.string().url().default(DEFAULT_CAMPAIGNS_SETTINGS.graphUrl),
      CAMPAIGNS_GRAPH_TIMEOUT_MS: z.coerce.number().int().positive().default(DEFAULT_CAMPAIGNS_SETTINGS.graphTimeoutMs),
    }),
    env,
    'campaigns',
  );
  return { graphUrl: parsed.CAMPAIGNS_GRAPH_URL, graphTimeoutMs: parsed.CAMPAIGNS_GRAPH_TIMEOUT_MS };
}
