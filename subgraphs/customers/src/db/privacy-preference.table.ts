import type { ColumnType, Generated, Selectable } from 'kysely';

export const PRIVACY_PREFERENCE_KINDS = ['OBJECT_TO_DIRECT_MARKETING', 'DO_NOT_SELL_OR_SHARE'] as const;
export type PrivacyPreferenceKind = (typeof PRIVACY_PREFERENCE_KINDS)[number];

/** Append-only, like consent: the current value of a kind is its record received last (highest seq). */
export interface PrivacyPreferenceTable {
  id: string;
  seq: Generated<number>;
  customer_id: string;
  kind: PrivacyPreferenceKind;
  active: boolean;
  source: string;
  captured_at: ColumnType<Date, Date, never>;
  recorded_at: ColumnType<Date, Date, never>;
}

export type PrivacyPreferenceRow = Selectable<PrivacyPreferenceTable>;
