import { z } from 'zod';
import { ConfigError, parseEnv } from '../../../shared/config.js';
import { loadServiceGraphSettings, type ServiceGraphSettings } from '../../../shared/service-identity.js';
import { DEFAULT_CART_REMINDER_SETTINGS, type CartReminderSettings } from './cart-reminders.js';

/** What the campaigns service needs beyond the common subgraph config: how it reaches the graph, and its trigger. */
export interface CampaignsSettings extends ServiceGraphSettings {
  cartReminders: CartReminderSettings;
}

/** The scopes the campaigns service needs for its own graph queries: order facts, carts, segments, value and consent decisions. */
export const CAMPAIGNS_SERVICE_SCOPES = ['orders:read', 'marketing:read'] as const;

export const DEFAULT_CAMPAIGNS_SETTINGS: CampaignsSettings = {
  // The defaults of every variable: the gateway under npm start, a token minted from the local key.
  ...loadServiceGraphSettings('campaigns', CAMPAIGNS_SERVICE_SCOPES, {}),
  cartReminders: DEFAULT_CART_REMINDER_SETTINGS,
};

/** Reads and validates the CAMPAIGNS_* settings, reporting every problem at once. */
export function loadCampaignsSettings(env: NodeJS.ProcessEnv): CampaignsSettings {
  const reminders = DEFAULT_CART_REMINDER_SETTINGS;
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
  };
}
