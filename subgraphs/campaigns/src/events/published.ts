// The events the campaigns domain publishes: its public contract (JSON Schema in ../../events/,
// documented in docs/events.md).
import { z } from 'zod';
import { dataSubjectRequestProgressedContract } from '../../../../shared/privacy/requests.js';
import { defineEvent, eventTimestamp, type NewEvent } from '../../../../shared/events/index.js';
import {
  jobCancelRequestedPayload,
  type JobCancelRequested as JobCancelRequestedPayload,
} from '../../../../shared/jobs/events.js';
import { CAMPAIGN_STATUSES, MARKETING_CHANNELS, type CampaignRow } from '../db/campaign.table.js';
import { TOUCHPOINT_KINDS, type TouchpointRow } from '../db/touchpoint.table.js';

const producer = 'campaigns';

export const TouchpointRecorded = defineEvent({
  producer,
  type: 'TouchpointRecorded',
  version: 1,
  key: 'the touchpoint id',
  description: 'A customer was exposed to or engaged with a campaign (impression, click, open, send).',
  payload: z.strictObject({
    touchpointId: z.string(),
    customerId: z.string(),
    campaignId: z.string(),
    channel: z.enum(MARKETING_CHANNELS),
    kind: z.enum(TOUCHPOINT_KINDS),
    occurredAt: eventTimestamp,
  }),
});

export const CampaignChanged = defineEvent({
  producer,
  type: 'CampaignChanged',
  version: 1,
  key: 'the campaign id',
  description:
    'A campaign was created or changed. Carries its whole state (schedule, budget, status, promoted skus), so the latest event per key is the campaign.',
  payload: z.strictObject({
    campaignId: z.string(),
    created: z.boolean(),
    name: z.string(),
    channel: z.enum(MARKETING_CHANNELS),
    status: z.enum(CAMPAIGN_STATUSES),
    startsAt: eventTimestamp.nullable(),
    endsAt: eventTimestamp.nullable(),
    budget: z.number().nullable(),
    promotedSkus: z.array(z.string()),
    updatedAt: eventTimestamp,
  }),
});

/** The event of a touchpoint row written. */
export function touchpointRecorded(
  row: Pick<TouchpointRow, 'id' | 'customer_id' | 'campaign_id' | 'channel' | 'kind' | 'occurred_at'>,
): NewEvent<z.input<typeof TouchpointRecorded.payload>> {
  return {
    type: TouchpointRecorded.type,
    version: TouchpointRecorded.version,
    key: row.id,
    occurredAt: row.occurred_at,
    payload: {
      touchpointId: row.id,
      customerId: row.customer_id,
      campaignId: row.campaign_id,
      channel: row.channel,
      kind: row.kind,
      occurredAt: row.occurred_at.toISOString(),
    },
  };
}

/** The event of a campaign row written, with its promoted skus. */
export function campaignChanged(
  row: Pick<CampaignRow, 'id' | 'name' | 'channel' | 'status' | 'starts_at' | 'ends_at' | 'budget' | 'updated_at'>,
  promotedSkus: readonly string[],
  created: boolean,
): NewEvent<z.input<typeof CampaignChanged.payload>> {
  return {
    type: CampaignChanged.type,
    version: CampaignChanged.version,
    key: row.id,
    occurredAt: row.updated_at,
    payload: {
      campaignId: row.id,
      created,
      name: row.name,
      channel: row.channel,
      status: row.status,
      startsAt: row.starts_at?.toISOString() ?? null,
      endsAt: row.ends_at?.toISOString() ?? null,
      budget: row.budget === null ? null : Number(row.budget),
      promotedSkus: [...promotedSkus],
      updatedAt: row.updated_at.toISOString(),
    },
  };
}

/** Every contract this domain publishes (for `npm run events`). */

export const JobCancelRequested = defineEvent({
  producer,
  type: 'JobCancelRequested',
  version: 1,
  key: 'the job id',
  description:
    "Someone allowed to asked, through the job registry, that another domain's job be cancelled; the owner's runner applies it.",
  payload: jobCancelRequestedPayload,
});

/** The outbox entry for a cancel request, written in the transaction that records it in the registry. */
export function jobCancelRequested(event: JobCancelRequestedPayload): NewEvent<JobCancelRequestedPayload> {
  return { type: JobCancelRequested.type, version: JobCancelRequested.version, key: event.jobId, payload: event };
}

export const contracts = [
  TouchpointRecorded,
  CampaignChanged,
  JobCancelRequested,
  dataSubjectRequestProgressedContract(producer),
];
