// Consent and privacy-preference writes: validation, and the ordering rule, around the appends.
//
// Ordering rule: a customer's decisions take effect in the order the server receives them (seq).
// capturedAt is kept as evidence of when the customer decided; it must not lie beyond the server's
// clock plus a small skew, and an opt-in captured before the withdrawal now in force is refused, so
// a withdrawal is beaten neither by an earlier-received nor by an earlier-dated opt-in.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { BadUserInputError, ConflictError, NotFoundError } from '../../../shared/errors.js';
import { findCurrentConsent, insertConsentRecord, rowToConsent, type Consent } from './db/consent.repository.js';
import type { ConsentChannel, ConsentPurpose, ConsentStatus } from './db/consent.table.js';
import { findCustomerForUpdate } from './db/customer.repository.js';
import type { CustomersDatabase } from './db/database.js';
import { appendEvent } from '../../../shared/events/index.js';
import { consentChanged, privacyPreferenceChanged } from './events/published.js';
import {
  insertPrivacyPreference,
  rowToPrivacyPreference,
  type PrivacyPreference,
} from './db/privacy-preference.repository.js';
import type { PrivacyPreferenceKind } from './db/privacy-preference.table.js';

export const MAX_SOURCE_LENGTH = 100;
/** Default for how far a client clock may run ahead of the server's (CONSENT_CLOCK_SKEW_SECONDS). */
export const DEFAULT_CONSENT_CLOCK_SKEW_MS = 60_000;

export interface SetConsentInput {
  customerId: string;
  purpose: ConsentPurpose;
  channel: ConsentChannel;
  status: ConsentStatus;
  source: string;
  capturedAt?: Date | null;
  /** CCPA: also record a do-not-sell/share preference with this decision. */
  doNotSellOrShare?: boolean | null;
}

export interface SetPrivacyPreferenceInput {
  customerId: string;
  kind: PrivacyPreferenceKind;
  active: boolean;
  source: string;
  capturedAt?: Date | null;
}

/** What the server knows about the request beyond its arguments. */
export interface ConsentRequest {
  now?: Date;
  clockSkewMs?: number;
  /** The customer's browser sent Sec-GPC: 1 (Global Privacy Control), forwarded by the gateway. */
  globalPrivacyControl?: boolean;
}

/** Trims a consent source (checkout, preference-center, ...); empty is a BAD_USER_INPUT. */
export function normalizeSource(source: string): string {
  const trimmed = source.trim();
  if (!trimmed) throw new BadUserInputError('source must not be empty', { argumentName: 'source' });
  if (trimmed.length > MAX_SOURCE_LENGTH)
    throw new BadUserInputError(`source must be at most ${MAX_SOURCE_LENGTH} characters`, { argumentName: 'source' });
  return trimmed;
}

/** capturedAt as evidence: defaults to now; later than now plus the skew is a BAD_USER_INPUT. */
export function checkCapturedAt(capturedAt: Date | null | undefined, now: Date, clockSkewMs: number): Date {
  const at = capturedAt ?? now;
  if (at.getTime() > now.getTime() + clockSkewMs) {
    throw new BadUserInputError(
      `capturedAt must not be later than the server's clock plus ${Math.round(clockSkewMs / 1000)} s`,
      { argumentName: 'capturedAt' },
    );
  }
  return at;
}

/**
 * Appends a consent record, and a do-not-sell/share preference when asked (or when the request
 * carries Global Privacy Control), in one transaction that holds the customer's row lock, so two
 * decisions of one customer are ordered and checked one after the other.
 */
export async function setConsent(
  db: Kysely<CustomersDatabase>,
  input: SetConsentInput,
  request: ConsentRequest = {},
): Promise<Consent> {
  const now = request.now ?? new Date();
  const source = normalizeSource(input.source);
  const capturedAt = checkCapturedAt(input.capturedAt, now, request.clockSkewMs ?? DEFAULT_CONSENT_CLOCK_SKEW_MS);
  const doNotSellOrShare = input.doNotSellOrShare ?? (request.globalPrivacyControl ? true : null);
  return db.transaction().execute(async (trx) => {
    if (!(await findCustomerForUpdate(trx, input.customerId)))
      throw new NotFoundError(`No customer with id ${input.customerId}`, {
        customerId: input.customerId,
        argumentName: 'input.customerId',
      });
    const current = await findCurrentConsent(trx, input.customerId, input.purpose, input.channel);
    if (input.status === 'OPT_IN' && current?.status === 'OPT_OUT' && capturedAt < current.captured_at) {
      throw new ConflictError(
        `This opt-in was captured (${capturedAt.toISOString()}) before the withdrawal in force (${current.captured_at.toISOString()}); it cannot override it. Capture a new opt-in.`,
        { argumentName: 'capturedAt' },
      );
    }
    const row = await insertConsentRecord(trx, { id: randomUUID(), ...input, source, capturedAt, recordedAt: now });
    if (!row)
      throw new NotFoundError(`No customer with id ${input.customerId}`, {
        customerId: input.customerId,
        argumentName: 'input.customerId',
      });
    // The record and its ConsentChanged event commit together.
    await appendEvent(trx, consentChanged(row));
    if (doNotSellOrShare !== null) {
      const gpcSource = input.doNotSellOrShare == null ? 'global-privacy-control' : source;
      const preference = await insertPrivacyPreference(trx, {
        id: randomUUID(),
        customerId: input.customerId,
        kind: 'DO_NOT_SELL_OR_SHARE',
        active: doNotSellOrShare,
        source: gpcSource,
        capturedAt,
        recordedAt: now,
      });
      await appendEvent(trx, privacyPreferenceChanged(preference));
    }
    return rowToConsent(row);
  });
}

/** Appends an objection to direct marketing or a do-not-sell/share preference (set or lifted). */
export async function setPrivacyPreference(
  db: Kysely<CustomersDatabase>,
  input: SetPrivacyPreferenceInput,
  request: ConsentRequest = {},
): Promise<PrivacyPreference> {
  const now = request.now ?? new Date();
  const source = normalizeSource(input.source);
  const capturedAt = checkCapturedAt(input.capturedAt, now, request.clockSkewMs ?? DEFAULT_CONSENT_CLOCK_SKEW_MS);
  return db.transaction().execute(async (trx) => {
    if (!(await findCustomerForUpdate(trx, input.customerId)))
      throw new NotFoundError(`No customer with id ${input.customerId}`, {
        customerId: input.customerId,
        argumentName: 'input.customerId',
      });
    const row = await insertPrivacyPreference(trx, {
      id: randomUUID(),
      customerId: input.customerId,
      kind: input.kind,
      active: input.active,
      source,
      capturedAt,
      recordedAt: now,
    });
    // The record and its event commit together: campaigns cancels queued messages on an objection.
    await appendEvent(trx, privacyPreferenceChanged(row));
    return rowToPrivacyPreference(row);
  });
}
