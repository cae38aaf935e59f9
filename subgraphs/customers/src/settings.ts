import { z } from 'zod';
import { parseEnv } from '../../../shared/config.js';
import { DEFAULT_CONSENT_CLOCK_SKEW_MS } from './consents.js';

/** What the customers service needs beyond the common subgraph config. */
export interface CustomersSettings {
  /** How far a capturedAt may lie beyond the server's clock (CONSENT_CLOCK_SKEW_SECONDS, default 60). */
  consentClockSkewMs: number;
}

export const DEFAULT_CUSTOMERS_SETTINGS: CustomersSettings = { consentClockSkewMs: DEFAULT_CONSENT_CLOCK_SKEW_MS };

/** Reads and validates the customers settings, reporting every problem at once. */
export function loadCustomersSettings(env: NodeJS.ProcessEnv): CustomersSettings {
  const parsed = parseEnv(
    z.object({
      CONSENT_CLOCK_SKEW_SECONDS: z.coerce
        .number()
        .int()
        .min(0)
        .max(3600)
        .default(DEFAULT_CONSENT_CLOCK_SKEW_MS / 1000),
    }),
    env,
    'customers',
  );
  return { consentClockSkewMs: parsed.CONSENT_CLOCK_SKEW_SECONDS * 1000 };
}
