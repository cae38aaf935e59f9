// The events the customers domain publishes: its public contract (JSON Schema in ../../events/,
// documented in docs/events.md). Payloads carry ids and the facts consumers need, never names,
// email addresses or phone numbers; a personal property (city) is classified with x-pii.
import { z } from 'zod';
import {
  DataSubjectRequestClosed,
  DataSubjectRequested,
  dataSubjectRequestProgressedContract,
} from '../../../../shared/privacy/requests.js';
import { defineEvent, eventTimestamp, type NewEvent } from '../../../../shared/events/index.js';
import { pii } from '../../../../shared/pii.js';
import { CONSENT_CHANNELS, CONSENT_PURPOSES, CONSENT_STATUSES, type ConsentRecordRow } from '../db/consent.table.js';
import type { CustomerRow } from '../db/customer.table.js';
import { IDENTITY_TYPES, type IdentityType } from '../db/identity.table.js';
import { PRIVACY_PREFERENCE_KINDS, type PrivacyPreferenceRow } from '../db/privacy-preference.table.js';

const producer = 'customers';

export const CustomerUpserted = defineEvent({
  producer,
  type: 'CustomerUpserted',
  version: 1,
  key: 'the customer id',
  description:
    'A customer was created or its profile changed. Carries the segmenting attributes only (no name, birth date or contact data).',
  payload: z.strictObject({
    customerId: z.string(),
    created: z.boolean().describe('true when this write created the customer'),
    country: z.string().length(2).nullable().describe('ISO 3166-1 alpha-2'),
    city: z.string().nullable().meta(pii('LOCATION')),
    createdAt: eventTimestamp,
    updatedAt: eventTimestamp,
  }),
});

export const IdentityAdded = defineEvent({
  producer,
  type: 'IdentityAdded',
  version: 1,
  key: 'the customer id',
  description:
    'A customer gained an identity (email, phone, loyalty id or device id). The value itself stays in the customers domain.',
  payload: z.strictObject({ customerId: z.string(), identityType: z.enum(IDENTITY_TYPES), addedAt: eventTimestamp }),
});

export const ConsentChanged = defineEvent({
  producer,
  type: 'ConsentChanged',
  version: 1,
  key: 'the customer id',
  description:
    'A consent record was appended for one purpose × channel. The current consent is the record the customers domain received last (highest seq; capturedAt is evidence only), so a consumer applying records out of order keeps the highest seq.',
  payload: z.strictObject({
    customerId: z.string(),
    recordId: z.string(),
    seq: z.number().int().describe('Receipt order in the customers domain: the highest seq is the current consent'),
    purpose: z.enum(CONSENT_PURPOSES),
    channel: z.enum(CONSENT_CHANNELS),
    status: z.enum(CONSENT_STATUSES),
    source: z.string(),
    capturedAt: eventTimestamp,
    recordedAt: eventTimestamp,
  }),
});

export const PrivacyPreferenceChanged = defineEvent({
  producer,
  type: 'PrivacyPreferenceChanged',
  version: 1,
  key: 'the customer id',
  description:
    'A privacy preference record was appended: an objection to direct marketing (GDPR Art. 21; when active it suppresses every marketing purpose and channel) or a do-not-sell/share preference (CCPA), set (active) or lifted. The current value of a kind is the record with the highest seq.',
  payload: z.strictObject({
    customerId: z.string(),
    recordId: z.string(),
    seq: z.number().int().describe('Receipt order in the customers domain: the highest seq per kind is current'),
    kind: z.enum(PRIVACY_PREFERENCE_KINDS),
    active: z.boolean(),
    source: z.string(),
    capturedAt: eventTimestamp,
    recordedAt: eventTimestamp,
  }),
});

/** The event of a customer row written by `upsertCustomer` or the seeder. */
export function customerUpserted(
  row: Pick<CustomerRow, 'id' | 'country' | 'city' | 'created_at' | 'updated_at'>,
  created: boolean,
): NewEvent<z.input<typeof CustomerUpserted.payload>> {
  return {
    type: CustomerUpserted.type,
    version: CustomerUpserted.version,
    key: row.id,
    occurredAt: row.updated_at,
    payload: {
      customerId: row.id,
      created,
      country: row.country,
      city: row.city,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    },
  };
}

/** The event of an identity attached to a customer. */
export function identityAdded(
  customerId: string,
  identityType: IdentityType,
  addedAt: Date,
): NewEvent<z.input<typeof IdentityAdded.payload>> {
  return {
    type: IdentityAdded.type,
    version: IdentityAdded.version,
    key: customerId,
    occurredAt: addedAt,
    payload: { customerId, identityType, addedAt: addedAt.toISOString() },
  };
}

type AppendedRecord = Pick<ConsentRecordRow, 'id' | 'seq' | 'customer_id' | 'source' | 'captured_at' | 'recorded_at'>;

/** The fields every appended consent or preference record's event carries: who, which record, receipt order, evidence. */
const appendedRecord = (row: AppendedRecord) => ({
  customerId: row.customer_id,
  recordId: row.id,
  seq: Number(row.seq),
  source: row.source,
  capturedAt: row.captured_at.toISOString(),
  recordedAt: row.recorded_at.toISOString(),
});

/** The event of one appended consent record. */
export function consentChanged(
  row: Pick<
    ConsentRecordRow,
    'id' | 'seq' | 'customer_id' | 'purpose' | 'channel' | 'status' | 'source' | 'captured_at' | 'recorded_at'
  >,
): NewEvent<z.input<typeof ConsentChanged.payload>> {
  return {
    type: ConsentChanged.type,
    version: ConsentChanged.version,
    key: row.customer_id,
    occurredAt: row.captured_at,
    payload: { ...appendedRecord(row), purpose: row.purpose, channel: row.channel, status: row.status },
  };
}

/** The event of one appended privacy preference record. */
export function privacyPreferenceChanged(
  row: PrivacyPreferenceRow,
): NewEvent<z.input<typeof PrivacyPreferenceChanged.payload>> {
  return {
    type: PrivacyPreferenceChanged.type,
    version: PrivacyPreferenceChanged.version,
    key: row.customer_id,
    occurredAt: row.captured_at,
    payload: { ...appendedRecord(row), kind: row.kind, active: row.active },
  };
}

/** Every contract this domain publishes (for `npm run events`). */
export const contracts = [
  CustomerUpserted,
  IdentityAdded,
  ConsentChanged,
  PrivacyPreferenceChanged,
  DataSubjectRequested,
  DataSubjectRequestClosed,
  dataSubjectRequestProgressedContract(producer),
];
