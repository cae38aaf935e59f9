import { z } from 'zod';
import { ConfigError, DEFAULT_PORTS, keyVariables, parseEnv } from '../../../shared/config.js';
import type { ServiceIdentity } from '../../../shared/service-identity.js';
import { DEFAULT_CART_REMINDER_SETTINGS, type CartReminderSettings } from './cart-reminders.js';

/** What the campaigns service needs beyond the common subgraph config: how it reaches the graph, and its trigger. */
export interface CampaignsSettings {
  /** The gateway endpoint the campaigns domain queries as a client (audiences, attribution, triggers). */
  graphUrl: string;
  graphTimeoutMs: number;
  /** Who the campaigns service is when it calls the graph; it holds exactly CAMPAIGNS_SERVICE_SCOPES. */
  identity: ServiceIdentity;
  cartReminders: CartReminderSettings;
}

/** The scopes the campaigns service needs for its own graph queries: order facts, carts, segments, value and consent decisions. */
export const CAMPAIGNS_SERVICE_SCOPES = ['orders:read', 'marketing:read'] as const;

const localIdentity = (keysDir: string, issuer = 'mesh360-local', audience = 'mesh360'): ServiceIdentity => ({
  kind: 'local',
  keysDir,
  issuer,
  audience,
  subject: 'service:campaigns',
  scopes: CAMPAIGNS_SERVICE_SCOPES,
});

export const DEFAULT_CAMPAIGNS_SETTINGS: CampaignsSettings = {
  graphUrl: `http://127.0.0.1:${DEFAULT_PORTS.gateway}/graphql`,
  graphTimeoutMs: 30_000,
  identity: localIdentity('.data/keys'),
  cartReminders: DEFAULT_CART_REMINDER_SETTINGS,
};

/** Reads and validates the CAMPAIGNS_* settings, reporting every problem at once. */
export function loadCampaignsSettings(env: NodeJS.ProcessEnv): CampaignsSettings {
  const reminders = DEFAULT_CART_REMINDER_SETTINGS;
  const parsed = parseEnv(
    z.object({
      CAMPAIGNS_GRAPH_URL: z.string().url().default(DEFAULT_CAMPAIGNS_SETTINGS.graphUrl),
      CAMPAIGNS_GRAPH_TIMEOUT_MS: z.coerce.number().int().positive().default(DEFAULT_CAMPAIGNS_SETTINGS.graphTimeoutMs),
      CAMPAIGNS_GRAPH_TOKEN: z.string().min(1).optional(),
      CAMPAIGNS_OAUTH_TOKEN_URL: z.string().url().optional(),
      CAMPAIGNS_OAUTH_CLIENT_ID: z.string().min(1).optional(),
      CAMPAIGNS_OAUTH_CLIENT_SECRET: z.string().min(1).optional(),
      CAMPAIGNS_OAUTH_AUDIENCE: z.string().min(1).optional(),
      AUTH_ISSUER: z.string().min(1).default('mesh360-local'),
      AUTH_AUDIENCE: z.string().min(1).default('mesh360'),
      ...keyVariables,
      CAMPAIGNS_CART_TRIGGER_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(reminders.intervalMs),
      CAMPAIGNS_CART_IDLE_MINUTES: z.coerce.number().int().min(1).max(43_200).default(reminders.idleMinutes),
      CAMPAIGNS_CART_DISCOUNT_PERCENT: z.coerce.number().min(0).max(100).default(reminders.discountPercentOff),
      CAMPAIGNS_CART_DISCOUNT_VALID_HOURS: z.coerce
        .number()
        .int()
        .min(1)
        .max(8_760)
        .default(reminders.discountValidHours),
    }),
    env,
    'campaigns',
  );
  let identity: ServiceIdentity;
  if (parsed.CAMPAIGNS_GRAPH_TOKEN) {
    identity = { kind: 'static', token: parsed.CAMPAIGNS_GRAPH_TOKEN };
  } else if (
    parsed.CAMPAIGNS_OAUTH_TOKEN_URL &&
    parsed.CAMPAIGNS_OAUTH_CLIENT_ID &&
    parsed.CAMPAIGNS_OAUTH_CLIENT_SECRET
  ) {
    identity = {
      kind: 'client-credentials',
      tokenUrl: parsed.CAMPAIGNS_OAUTH_TOKEN_URL,
      clientId: parsed.CAMPAIGNS_OAUTH_CLIENT_ID,
      clientSecret: parsed.CAMPAIGNS_OAUTH_CLIENT_SECRET,
      audience: parsed.CAMPAIGNS_OAUTH_AUDIENCE,
      scopes: CAMPAIGNS_SERVICE_SCOPES,
    };
  } else if (parsed.NODE_ENV === 'production') {
    throw new ConfigError('campaigns', [
      {
        variable:
          'CAMPAIGNS_OAUTH_TOKEN_URL, CAMPAIGNS_OAUTH_CLIENT_ID, CAMPAIGNS_OAUTH_CLIENT_SECRET (or CAMPAIGNS_GRAPH_TOKEN)',
        problem: 'required in production, where the local development key is not trusted',
      },
    ]);
  } else {
    identity = localIdentity(parsed.MESH_KEYS_DIR, parsed.AUTH_ISSUER, parsed.AUTH_AUDIENCE);
  }
  return {
    graphUrl: parsed.CAMPAIGNS_GRAPH_URL,
    graphTimeoutMs: parsed.CAMPAIGNS_GRAPH_TIMEOUT_MS,
    identity,
    cartReminders: {
      intervalMs: parsed.CAMPAIGNS_CART_TRIGGER_INTERVAL_MS,
      idleMinutes: parsed.CAMPAIGNS_CART_IDLE_MINUTES,
      discountPercentOff: parsed.CAMPAIGNS_CART_DISCOUNT_PERCENT,
      discountValidHours: parsed.CAMPAIGNS_CART_DISCOUNT_VALID_HOURS,
      maxCartsPerRun: reminders.maxCartsPerRun,
    },
  };
}
