// The data-subject request protocol every domain takes part in (docs/privacy.md). Customers owns a
// request and publishes DataSubjectRequested; each domain's consumer does its part in ONE transaction
// (the consumer's, with its processed_events row) and publishes DataSubjectRequestProgressed from its
// own outbox in that transaction; customers collects those. DataSubjectRequestClosed tells every
// domain the request is over, so each drops what its outbox still holds for it (an export part).
// The contracts live here because every domain publishes or reads the same payloads; the work
// itself is each domain's src/privacy.ts.
import { sql, type Transaction } from 'kysely';
import { z } from 'zod';
import type { EventHandler } from '../events/consumer.js';
import { appendEvent, defineEvent, eventTimestamp, type DomainEvent, type NewEvent } from '../events/index.js';

export const DSR_KINDS = ['ERASURE', 'EXPORT'] as const;
export type DsrKind = (typeof DSR_KINDS)[number];

/** Which law sets the deadline: GDPR Art. 12(3) one month, CCPA § 1798.130 45 days. */
export const DSR_REGIMES = ['GDPR', 'CCPA'] as const;
export type DsrRegime = (typeof DSR_REGIMES)[number];

/** The producer of DataSubjectRequested and DataSubjectRequestClosed. */
export const DSR_OWNER = 'customers';

export const dataSubjectRequestedPayload = z.strictObject({
  requestId: z.string(),
  customerId: z.string().describe('The subject; replaced by its tombstone hash once an erasure has completed'),
  kind: z.enum(DSR_KINDS),
  regime: z.enum(DSR_REGIMES),
  dueAt: eventTimestamp,
});
export type DataSubjectRequested = z.infer<typeof dataSubjectRequestedPayload>;

export const dataSubjectRequestProgressedPayload = z.strictObject({
  requestId: z.string(),
  domain: z.string().describe('The domain that did its part'),
  kind: z.enum(DSR_KINDS),
  status: z.enum(['DONE']).describe('The domain finished its part (a failing part is retried, never reported)'),
  exportPart: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe(
      'EXPORT: everything this domain holds about the subject (dropped from the outbox when the request closes); ERASURE: null',
    ),
});
export type DataSubjectRequestProgressed = z.infer<typeof dataSubjectRequestProgressedPayload>;

export const dataSubjectRequestClosedPayload = z.strictObject({ requestId: z.string(), kind: z.enum(DSR_KINDS) });

export const DataSubjectRequested = defineEvent({
  producer: DSR_OWNER,
  type: 'DataSubjectRequested',
  version: 1,
  key: 'the request id',
  description:
    'A data-subject request (erasure or export) was opened; every domain does its part and answers with DataSubjectRequestProgressed.',
  payload: dataSubjectRequestedPayload,
});

export const DataSubjectRequestClosed = defineEvent({
  producer: DSR_OWNER,
  type: 'DataSubjectRequestClosed',
  version: 1,
  key: 'the request id',
  description:
    'Every domain finished its part of a data-subject request: each domain drops what its outbox still holds for it.',
  payload: dataSubjectRequestClosedPayload,
});

/** The DataSubjectRequestProgressed contract as published by `producer` (every domain shares its payload). */
export function dataSubjectRequestProgressedContract(producer: string) {
  return defineEvent({
    producer,
    type: 'DataSubjectRequestProgressed',
    version: 1,
    key: 'the request id',
    description: `The ${producer} domain did its part of a data-subject request, in the transaction that did it.`,
    payload: dataSubjectRequestProgressedPayload,
  });
}

/** What a domain's handler returns: its export part (EXPORT) or nothing (ERASURE). */
export type DsrOutcome = { exportPart: Record<string, unknown> | null };

/** One domain's part of a data-subject request, run inside the consumer's transaction. */
export type DataSubjectRequestHandler<DB> = (
  trx: Transaction<DB>,
  request: DataSubjectRequested,
) => Promise<DsrOutcome>;

const event = <P>(type: string, key: string, payload: P): NewEvent<P> => ({ type, version: 1, key, payload });

/**
 * The consumer every domain runs for data-subject requests. It never dead-letters: a failing part is
 * retried with back-off (up to 30 s apart) until it succeeds, and its position is durable, so a
 * request survives restarts. On DataSubjectRequestClosed it drops its own export part from its outbox.
 */
export function dataSubjectRequestConsumer<DB>(
  domain: string,
  handler: DataSubjectRequestHandler<DB>,
  onClosed?: (trx: Transaction<DB>, requestId: string) => Promise<void>,
) {
  dataSubjectRequestProgressedContract(domain);
  const handle: EventHandler<DB> = async (trx, delivered: DomainEvent) => {
    if (delivered.type === DataSubjectRequestClosed.type) {
      const { requestId } = dataSubjectRequestClosedPayload.parse(delivered.payload);
      await sql`update outbox set payload = jsonb_set(payload, '{exportPart}', 'null'::jsonb)
        where type = 'DataSubjectRequestProgressed' and key = ${requestId}`.execute(trx);
      await onClosed?.(trx, requestId);
      return;
    }
    const request = dataSubjectRequestedPayload.parse(delivered.payload);
    const { exportPart } = await handler(trx, request);
    const progressed: DataSubjectRequestProgressed = {
      requestId: request.requestId,
      domain,
      kind: request.kind,
      status: 'DONE',
      exportPart: request.kind === 'EXPORT' ? exportPart : null,
    };
    await appendEvent(
      trx as Transaction<unknown>,
      event('DataSubjectRequestProgressed', request.requestId, progressed),
    );
  };
  return {
    name: `${domain}-data-subject-requests`,
    producer: DSR_OWNER,
    types: [DataSubjectRequested.type, DataSubjectRequestClosed.type],
    handle,
    maxAttempts: Number.POSITIVE_INFINITY,
  };
}

/** The event that opens a request (customers appends it in the request's transaction). */
export const dataSubjectRequested = (payload: DataSubjectRequested) =>
  event(DataSubjectRequested.type, payload.requestId, payload);

/** The event that closes a request. */
export const dataSubjectRequestClosed = (requestId: string, kind: DsrKind) =>
  event(DataSubjectRequestClosed.type, requestId, { requestId, kind });
