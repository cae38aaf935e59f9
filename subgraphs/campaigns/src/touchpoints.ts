// Touchpoint writes: validation around the single-statement insert.
import { randomUUID } from 'node:crypto';
import type { GraphClient } from '../../../shared/graph-client.js';
import { assertReferencesFound } from '../../../shared/references.js';
import type { Kysely } from 'kysely';
import { BadUserInputError, NotFoundError } from '../../../shared/errors.js';
import type { MarketingChannel } from './db/campaign.table.js';
import type { CampaignsDatabase } from './db/database.js';
import { insertTouchpoint, rowToTouchpoint, type Touchpoint } from './db/touchpoint.repository.js';
import type { TouchpointKind } from './db/touchpoint.table.js';
import { appendEvent } from '../../../shared/events/index.js';
import { touchpointRecorded } from './events/published.js';
import { recordExposures } from './experiments.js';

export const MAX_CUSTOMER_ID_LENGTH = 200;

export interface RecordTouchpointInput {
  customerId: string;
  campaignId: string;
  kind: TouchpointKind;
  channel?: MarketingChannel | null;
  occurredAt?: Date | null;
}

/** Trims a customer key. This domain does not own customers, so it checks the key's shape only. */
export function normalizeCustomerId(customerId: string): string {
  const trimmed = customerId.trim();
  if (!trimmed || trimmed.length > MAX_CUSTOMER_ID_LENGTH) {
    throw new BadUserInputError(`customerId must be between 1 and ${MAX_CUSTOMER_ID_LENGTH} characters`, {
      argumentName: 'customerId',
    });
  }
  return trimmed;
}

/** Asks the customers domain whether the customer exists (never did, or was erased: null). */
export const TOUCHPOINT_CUSTOMER_QUERY = /* GraphQL */ `query TouchpointCustomer($ids: [ID!]!) {
  customersByIds(ids: $ids) { id }
}`;

/** NOT_FOUND naming input.customerId when customers does not know the customer (unknown or erased). */
async function assertCustomerExists(graph: GraphClient, customerId: string): Promise<void> {
  const answer = await graph.request<{ customersByIds: unknown[] }>(TOUCHPOINT_CUSTOMER_QUERY, { ids: [customerId] });
  assertReferencesFound(
    [{ key: customerId, field: 'input.customerId' }],
    answer.customersByIds,
    'customer',
    'unknown or erased',
  );
}

export async function recordTouchpoint(
  db: Kysely<CampaignsDatabase>,
  graph: GraphClient,
  input: RecordTouchpointInput,
): Promise<Touchpoint> {
  const touchpoint = {
    id: randomUUID(),
    customerId: normalizeCustomerId(input.customerId),
    campaignId: input.campaignId,
    kind: input.kind,
    channel: input.channel ?? null,
    occurredAt: input.occurredAt ?? new Date(),
  };
  // The owner answers before the transaction opens: a touchpoint for no customer writes nothing.
  await assertCustomerExists(graph, touchpoint.customerId);
  // The touchpoint, its TouchpointRecorded event and the experiment assignment it may make commit together.
  const row = await db.transaction().execute(async (trx) => {
    const inserted = await insertTouchpoint(trx, touchpoint);
    if (inserted) {
      await appendEvent(trx, touchpointRecorded(inserted));
      await recordExposures(trx, inserted.campaign_id, [
        { customerId: inserted.customer_id, kind: inserted.kind, occurredAt: inserted.occurred_at },
      ]);
    }
    return inserted;
  });
  if (!row)
    throw new NotFoundError(`No campaign with id ${input.campaignId}`, {
      campaignId: input.campaignId,
      argumentName: 'input.campaignId',
    });
  return rowToTouchpoint(row);
}
