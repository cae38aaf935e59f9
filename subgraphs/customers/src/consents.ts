// Consent writes: validation around the single-statement append.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { BadUserInputError, NotFoundError } from '../../../shared/errors.js';
import { insertConsentRecord, rowToConsent, type Consent } from './db/consent.repository.js';
import type { ConsentChannel, ConsentPurpose, ConsentStatus } from './db/consent.table.js';
import type { CustomersDatabase } from './db/database.js';
import { appendEvent } from '../../../shared/events/index.js';
import { consentChanged } from './events/published.js';

export const MAX_SOURCE_LENGTH = 100;
/** How far a client clock may run ahead: a capturedAt further in the future would outrank every later record. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export interface SetConsentInput {
  customerId: string;
  purpose: ConsentPurpose;
  channel: ConsentChannel;
  status: ConsentStatus;
  source: string;
  capturedAt?: Date | null;
}

/** Trims a consent source (checkout, preference-center, ...); empty is a BAD_USER_INPUT. */
export function normalizeSource(source: string): string {
  const trimmed = source.trim();
  if (!trimmed) throw new BadUserInputError('source must not be empty', { argumentName: 'source' });
  if (trimmed.length > MAX_SOURCE_LENGTH) throw new BadUserInputError(`source must be at most ${MAX_SOURCE_LENGTH} characters`, { argumentName: 'source' });
  return trimmed;
}

/** Appends a consent record; history is never rewritten, the latest captured record is the current consent. */
export async function setConsent(db: Kysely<CustomersDatabase>, input: SetConsentInput, now = new Date()): Promise<Consent> {
  const source = normalizeSource(input.source);
  const capturedAt = input.capturedAt ?? now;
  if (capturedAt.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) {
    throw new BadUserInputError('capturedAt must not be in the future', { argumentName: 'capturedAt' });
  }
  // The record and its ConsentChanged event commit together.
  const row = await db.transaction().execute(async (trx) => {
    const inserted = await insertConsentRecord(trx, {
      id: randomUUID(),
      customerId: input.customerId,
      purpose: input.purpose,
      channel: input.channel,
      status: input.status,
      source,
      capturedAt,
      recordedAt: now,
    });
    if (inserted) await appendEvent(trx, consentChanged(inserted));
    return inserted;
  });
  if (!row) throw new NotFoundError(`No customer with id ${input.customerId}`, { customerId: input.customerId });
  return rowToConsent(row);
}
