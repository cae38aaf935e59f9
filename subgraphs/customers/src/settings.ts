import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { parseEnv } from '../../../shared/config.js';
import { DEFAULT_CONSENT_CLOCK_SKEW_MS } from './consents.js';
import { loadOrCreateTombstoneSecret, parseTombstoneSecret, tombstoneKey, type TombstoneKey } from './tombstones.js';

/** How long an export stays downloadable after it completed (EXPORT_RETENTION_DAYS, default 30). */
export const DEFAULT_EXPORT_RETENTION_DAYS = 30;
const DAY_MS = 86_400_000;

/** What the customers service needs beyond the common subgraph config. */
export interface CustomersSettings {
  /** How far a capturedAt may lie beyond the server's clock (CONSENT_CLOCK_SKEW_SECONDS, default 60). */
  consentClockSkewMs: number;
  /** Tombstone keys: the first hashes new tombstones, all of them are checked (rotation). */
  tombstoneKeys: TombstoneKey[];
  /** How long a completed export stays downloadable before it is purged. */
  exportRetentionMs: number;
}

/** For tests and in-process use: a fresh random tombstone key per process. */
export const DEFAULT_CUSTOMERS_SETTINGS: CustomersSettings = {
  consentClockSkewMs: DEFAULT_CONSENT_CLOCK_SKEW_MS,
  tombstoneKeys: [tombstoneKey(randomBytes(32))],
  exportRetentionMs: DEFAULT_EXPORT_RETENTION_DAYS * DAY_MS,
};

const secret = z.string().transform((text, ctx) => {
  const parsed = parseTombstoneSecret(text);
  if (!parsed) ctx.addIssue({ code: 'custom', message: 'must be at least 32 bytes, hex or base64' });
  return parsed as Buffer;
});

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
      PRIVACY_TOMBSTONE_KEY: secret.optional(),
      PRIVACY_TOMBSTONE_PREVIOUS_KEYS: z
        .string()
        .optional()
        .transform((text) => (text ? text.split(',').filter((part) => part.trim() !== '') : []))
        .pipe(z.array(secret)),
      EXPORT_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(DEFAULT_EXPORT_RETENTION_DAYS),
      MESH_KEYS_DIR: z.string().min(1).default(path.join('.data', 'keys')),
    }),
    env,
    'customers',
  );
  // Without a configured key, one is generated on first start and kept beside the local JWT keys.
  const current = parsed.PRIVACY_TOMBSTONE_KEY ?? loadOrCreateTombstoneSecret(parsed.MESH_KEYS_DIR);
  return {
    consentClockSkewMs: parsed.CONSENT_CLOCK_SKEW_SECONDS * 1000,
    tombstoneKeys: [current, ...parsed.PRIVACY_TOMBSTONE_PREVIOUS_KEYS].map(tombstoneKey),
    exportRetentionMs: parsed.EXPORT_RETENTION_DAYS * DAY_MS,
  };
}
