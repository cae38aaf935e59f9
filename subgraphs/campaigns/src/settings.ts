import { z } from 'zod';
import { DEFAULT_PORTS, parseEnv } from '../../../shared/config.js';
import { DEFAULT_CART_REMINDER_SETTINGS, type CartReminderSettings } from './cart-reminders.js';

/** What the campaigns service needs beyond the common subgraph config: how it reaches the graph, and its trigger. */
export interface CampaignsSettings {
  /** The gateway endpoint the campaigns domain queries as a client (audiences, attribution, triggers). */
  graphUrl: string;
  graphTimeoutMs: number;
  cartReminders: CartReminderSettings;
}

export const DEFAULT_CAMPAIGNS_SETTINGS: CampaignsSettings = {
  graphUrl: `http://127.0.0.1:${DEFAULT_PORTS.gateway}/graphql`,
  graphTimeoutMs: 30_000,
  cartReminders: DEFAULT_CART_REMINDER_SETTINGS,
};

/** Reads and validates the CAMPAIGNS_* settings, reporting every problem at once. */
export function loadCampaignsSettings(env: NodeJS.ProcessEnv): CampaignsSettings {
  const reminders = DEFAULT_CART_REMINDER_SETTINGS;
  const parsed = parseEnv(
    z.object({
      CAMPAIGNS_GRAPH_URL: z.string().url().default(DEFAULT_CAMPAIGNS_SETTINGS.graphUrl),
      CAMPAIGNS_GRAPH_TIMEOUT_MS: z.coerce.number().int().positive().default(DEFAULT_CAMPAIGNS_SETTINGS.graphTimeoutMs),
      CAMPAIGNS_CART_TRIGGER_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(reminders.intervalMs),
      CAMPAIGNS_CART_IDLE_MINUTES: z.coerce.number().int().min(1).max(43_200).default(reminders.idleMinutes),
      CAMPAIGNS_CART_DISCOUNT_PERCENT: z.coerce.number().min(0).max(100).default(reminders.discountPercentOff),
      CAMPAIGNS_CART_DISCOUNT_VALID_HOURS: z.coerce.number().int().min(1).max(8_760).default(reminders.discountValidHours),
    }),
    env,
    'campaigns',
  );
  return {
    graphUrl: parsed.CAMPAIGNS_GRAPH_URL,
    graphTimeoutMs: parsed.CAMPAIGNS_GRAPH_TIMEOUT_MS,
    cartReminders: {
      intervalMs: parsed.CAMPAIGNS_CART_TRIGGER_INTERVAL_MS,
      idleMinutes: parsed.CAMPAIGNS_CART_IDLE_MINUTES,
      discountPercentOff: parsed.CAMPAIGNS_CART_DISCOUNT_PERCENT,
      discountValidHours: parsed.CAMPAIGNS_CART_DISCOUNT_VALID_HOURS,
      maxCartsPerRun: reminders.maxCartsPerRun,
    },
  };
}
