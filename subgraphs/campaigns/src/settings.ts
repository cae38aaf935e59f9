import { z } from 'zod';
import { ConfigError, DEFAULT_PORTS, keyVariables, parseEnv } from '../../../shared/config.js';
import type { ServiceIdentity } from '../../../shared/service-identity.js';
import path from 'node:path';
import { DEFAULT_CART_REMINDER_SETTINGS, type CartReminderSettings } from './cart-reminders.js';
import { DEFAULT_DELIVERY_SETTINGS, type DeliverySettings } from './delivery.js';

/** What the campaigns service needs beyond the common subgraph config: how it reaches the graph, and its trigger. */
export interface CampaignsSettings {
  /** The gateway endpoint the campaigns domain queries as a client (audiences, attribution, triggers). */
  graphUrl: string;
  graphTimeoutMs: number;
  /** Who the campaigns service is when it calls the graph; it holds exactly CAMPAIGNS_SERVICE_SCOPES. */
  identity: ServiceIdentity;
  cartReminders: CartReminderSettings;
  /** How queued messages are delivered: SMTP when SMTP_URL is set, else .eml files under the data folder. */
  delivery: DeliverySettings;
}

/**
 * The scopes the campaigns service needs for its own graph queries: order facts, carts, segments, value
 * and consent decisions, and (pii:read) a recipient's email address at send time, which the audit trail records.
 */
export const CAMPAIGNS_SERVICE_SCOPES = ['orders:read', 'marketing:read', 'pii:read'] as const;

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
  delivery: DEFAULT_DELIVERY_SETTINGS,
};

/** Reads and validates the CAMPAIGNS_* settings, reporting every problem at once. */
export function loadCampaignsSettings(env: NodeJS.ProcessEnv): CampaignsSettings {
  const reminders = DEFAULT_CART_REMINDER_SETTINGS;
  const delivery = DEFAULT_DELIVERY_SETTINGS;
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
      SMTP_URL: z
        .string()
        .url()
        .refine((url) => /^smtps?:$/.test(new URL(url).protocol), 'must be an smtp:// or smtps:// URL')
        .optional(),
      SMTP_FROM: z.string().min(3).max(320).default(delivery.transport.from),
      CAMPAIGNS_MAIL_DIR: z.string().min(1).default(path.join('.data', 'mail')),
      CAMPAIGNS_DELIVERY_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(delivery.intervalMs),
      CAMPAIGNS_DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(delivery.maxAttempts),
      CAMPAIGNS_DELIVERY_RETRY_BASE_MS: z.coerce.number().int().min(100).max(86_400_000).default(delivery.retryBaseMs),
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
    delivery: {
      ...delivery,
      intervalMs: parsed.CAMPAIGNS_DELIVERY_INTERVAL_MS,
      maxAttempts: parsed.CAMPAIGNS_DELIVERY_MAX_ATTEMPTS,
      retryBaseMs: parsed.CAMPAIGNS_DELIVERY_RETRY_BASE_MS,
      transport: parsed.SMTP_URL
        ? { kind: 'smtp', url: parsed.SMTP_URL, from: parsed.SMTP_FROM }
        : { kind: 'eml', dir: parsed.CAMPAIGNS_MAIL_DIR, from: parsed.SMTP_FROM },
    },
  };
}
