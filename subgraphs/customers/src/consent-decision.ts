// The one consent decision every reader uses (Customer.contactable, and the optedIn filter in SQL
// mirrors it): the current OPT_IN for the purpose and channel, unless an active objection to direct
// marketing suppresses that purpose.
import type { Consent } from './db/consent.repository.js';
import { PURPOSES_SUPPRESSED_BY_OBJECTION, type ConsentChannel, type ConsentPurpose } from './db/consent.table.js';
import type { PrivacyPreference } from './db/privacy-preference.repository.js';
import type { PrivacyPreferenceKind } from './db/privacy-preference.table.js';

/** Whether the current record of a preference kind is active; no record means not active. */
export function preferenceActive(preferences: readonly PrivacyPreference[], kind: PrivacyPreferenceKind): boolean {
  return preferences.some((preference) => preference.kind === kind && preference.active);
}

/** True only for a current OPT_IN on the purpose and channel that no objection to direct marketing suppresses. */
export function isContactable(
  consents: readonly Consent[],
  preferences: readonly PrivacyPreference[],
  purpose: ConsentPurpose,
  channel: ConsentChannel,
): boolean {
  if (PURPOSES_SUPPRESSED_BY_OBJECTION.includes(purpose) && preferenceActive(preferences, 'OBJECT_TO_DIRECT_MARKETING'))
    return false;
  return consents.some(
    (consent) => consent.purpose === purpose && consent.channel === channel && consent.status === 'OPT_IN',
  );
}
