import { z } from 'zod';
import path from 'node:path';
import { ConfigError, parseEnv } from '../../../shared/config.js';
import { loadServiceGraphSettings, type ServiceGraphSettings } from '../../../shared/service-identity.js';
import { DEFAULT_CART_REMINDER_SETTINGS, type CartReminderSettings } from './cart-reminders.js';
import { DEFAULT_DELIVERY_SETTINGS, type DeliverySettings } from './delivery.js';

/** What the campaigns service needs beyond the common subgraph config: how it reaches the graph, and its trigger. */
export interface CampaignsSettings extends ServiceGraphSettings {
  cartReminders: CartReminderSettings;
  /** How queued messages are delivered: SMTP when SMTP_URL is set, else .eml files under the data folder. */
  delivery: DeliverySettings;
}

/**
 * The scopes the campaigns service needs for its own graph queries: order facts, carts, segments, value
 * and consent decisions, and (pii:read) a recipient's email address at send time, which the audit trail records.
 */
export const CAMPAIGNS_SERVICE_SCOPES = ['orders:read', 'marketing:read', 'pii:read'] as const;

export const DEFAULT_CAMPAIGNS_SETTINGS: CampaignsSettings = {
  // The defaults of every variable: the gateway under npm start, a token minted from the local key.
  ...loadServiceGraphSettings('campaigns', CAMPAIGNS_SERVICE_SCOPES, {}),
  cartReminders: DEFAULT_CART_REMINDER_SETTINGS,
  delivery: DEFAULT_DELIVERY_SETTINGS,
};

/** Reads and validates the CAMPAIGNS_* settings, reporting every problem at once. */
export function loadCampaignsSettings(env: NodeJS.ProcessEnv): CampaignsSettings {
  const reminders = DEFAULT_CART_REMINDER_SETTINGS;
  const delivery = DEFAULT_DELIVERY_SETTINGS;
  const problems: ConfigError['problems'] = [];
  const collect = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  };
  const graph = collect(() => loadServiceGraphSettings('campaigns', CAMPAIGNS_SERVICE_SCOPES, env));
  const parsed = collect(() =>
    parseEnv(
      z.object({
        CAMPAIGNS_CART_TRIGGER_INTERVAL_MS: z.coerce
          .number()
          .int()
          .min(0)
          .max(86_400_000)
          .default(reminders.intervalMs),
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
        CAMPAIGNS_DELIVERY_RETRY_BASE_MS: z.coerce
          .number()
          .int()
          .min(100)
          .max(86_400_000)
          .default(delivery.retryBaseMs),
      }),
      env,
      'campaigns',
    ),
  );
  if (!graph || !parsed) throw new ConfigError('campaigns', problems);
  return {
    ...graph,
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
