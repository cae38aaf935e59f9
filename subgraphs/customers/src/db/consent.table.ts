import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

export const CONSENT_PURPOSES = ['MARKETING', 'ANALYTICS', 'PERSONALIZATION'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const CONSENT_CHANNELS = ['EMAIL', 'SMS', 'PUSH', 'PHONE'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

/** Purposes an objection to direct marketing (GDPR Art. 21(2)-(3)) suppresses on every channel: marketing and the profiling for it. */
export const PURPOSES_SUPPRESSED_BY_OBJECTION: readonly ConsentPurpose[] = ['MARKETING', 'PERSONALIZATION'];

export const CONSENT_STATUSES = ['OPT_IN', 'OPT_OUT'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

/**
 * Append-only consent history. The current consent of a (purpose, channel) is its record with the
 * latest captured_at; among records captured at the same moment the one recorded last (highest seq) wins.
 */
export interface ConsentRecordTable {
  id: string;
  /** Insertion order, assigned by the database; breaks ties between records with the same captured_at. */
  seq: Generated<number>;
  customer_id: string;
  purpose: ConsentPurpose;
  channel: ConsentChannel;
  status: ConsentStatus;
  source: string;
  captured_at: ColumnType<Date, Date, never>;
  recorded_at: ColumnType<Date, Date, never>;
}

export type ConsentRecordRow = Selectable<ConsentRecordTable>;
export type NewConsentRecordRow = Insertable<ConsentRecordTable>;
