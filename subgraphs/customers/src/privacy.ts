// Data-subject requests (docs/privacy.md): customers owns them. Opening one writes the request and
// DataSubjectRequested in one transaction; every domain's consumer does its part and reports
// DataSubjectRequestProgressed; customers applies those here and, once every domain is done,
// completes the request and publishes DataSubjectRequestClosed. Customers' own part (the profile,
// identities, consent and preferences; tombstones for erasure) runs in its consumer like every other domain's.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { SUBGRAPH_NAMES } from '../../../shared/config.js';
import type { Logger } from '../../../shared/logger.js';
import { periodic } from '../../../shared/periodic.js';
import { NotFoundError } from '../../../shared/errors.js';
import { forgetCustomerEvents } from '../../../shared/events/erasure.js';
import { appendEvent, type DomainEvent } from '../../../shared/events/index.js';
import {
  dataSubjectRequestClosed,
  dataSubjectRequestConsumer,
  dataSubjectRequested,
  dataSubjectRequestProgressedPayload,
  DataSubjectRequested,
  type DataSubjectRequestHandler,
  type DsrKind,
  type DsrRegime,
} from '../../../shared/privacy/requests.js';
import { rowsWhere } from '../../../shared/privacy/rows.js';
import { normalizeCustomerId } from './customers.js';
import {
  completeDataSubjectRequest,
  findOpenDataSubjectRequest,
  findRequestDomains,
  forgetRequestSubject,
  insertDataSubjectRequest,
  lockDataSubjectRequest,
  markDomainDone,
  purgeExpiredExports,
} from './db/data-subject-request.repository.js';
import type { DataSubjectRequestRow } from './db/data-subject-request.table.js';
import { findCustomerForUpdate } from './db/customer.repository.js';
import type { CustomersDatabase } from './db/database.js';
import type { CustomersSettings } from './settings.js';
import { tombstoneHash, type TombstoneIdentifier } from './tombstones.js';

type Trx = Transaction<CustomersDatabase>;

/** The deadline a regime sets: GDPR Art. 12(3) one month (the same day next month, or its last day), CCPA 45 days. */
export function dueDate(regime: DsrRegime, openedAt: Date): Date {
  if (regime === 'CCPA') return new Date(openedAt.getTime() + 45 * 86_400_000);
  const due = new Date(openedAt);
  const day = due.getUTCDate();
  due.setUTCDate(1);
  due.setUTCMonth(due.getUTCMonth() + 1);
  const lastDay = new Date(Date.UTC(due.getUTCFullYear(), due.getUTCMonth() + 1, 0)).getUTCDate();
  due.setUTCDate(Math.min(day, lastDay));
  return due;
}

/**
 * Opens an erasure or export request for an existing customer, or answers the open one of the same
 * kind (a repeated click is not a second request). NOT_FOUND for an unknown or already erased customer.
 */
export async function openDataSubjectRequest(
  db: Kysely<CustomersDatabase>,
  settings: CustomersSettings,
  input: { customerId: string; kind: DsrKind; regime: DsrRegime; requestedBy: string },
  now = new Date(),
): Promise<DataSubjectRequestRow> {
  const customerId = normalizeCustomerId(input.customerId, 'customerId');
  return db.transaction().execute(async (trx) => {
    // Locked: an erasure that completes meanwhile cannot leave a request for a customer it deleted.
    if (!(await findCustomerForUpdate(trx, customerId)))
      throw new NotFoundError(`No customer with id ${customerId}`, { customerId, argumentName: 'customerId' });
    const open = await findOpenDataSubjectRequest(trx, customerId, input.kind);
    if (open) return open;
    const request = await insertDataSubjectRequest(
      trx,
      {
        id: randomUUID(),
        kind: input.kind,
        regime: input.regime,
        customer_id: customerId,
        subject_hash: tombstoneHash(settings.tombstoneKeys[0], 'CUSTOMER_ID', customerId),
        requested_by: input.requestedBy,
        created_at: now,
        due_at: dueDate(input.regime, now),
      },
      SUBGRAPH_NAMES,
    );
    if (!request) return (await findOpenDataSubjectRequest(trx, customerId, input.kind))!;
    await appendEvent(
      trx,
      dataSubjectRequested({
        requestId: request.id,
        customerId,
        kind: request.kind,
        regime: request.regime,
        dueAt: request.due_at.toISOString(),
      }),
    );
    return request;
  });
}

/** Customers' own part: export the profile, identities, consent and preferences, or erase them and leave tombstones. */
export function customersPart(settings: CustomersSettings): DataSubjectRequestHandler<CustomersDatabase> {
  return async (trx, request) => {
    const { customerId } = request;
    const identities = await trx
      .selectFrom('customer_identities')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy('added_at')
      .execute();
    if (request.kind === 'EXPORT') {
      const [profile] = await rowsWhere(trx, 'customers', 'id', [customerId]);
      return {
        exportPart: {
          profile: profile ?? null,
          identities,
          consentRecords: await rowsWhere(trx, 'consent_records', 'customer_id', [customerId]),
          privacyPreferences: await rowsWhere(trx, 'privacy_preferences', 'customer_id', [customerId]),
        },
      };
    }
    const key = settings.tombstoneKeys[0];
    const identifiers: [TombstoneIdentifier, string][] = [
      ['CUSTOMER_ID', customerId],
      ...identities.map((identity): [TombstoneIdentifier, string] => [identity.type, identity.value]),
    ];
    await trx
      .insertInto('erasure_tombstones')
      .values(
        identifiers.map(([type, value]) => ({
          hash: tombstoneHash(key, type, value),
          identifier_type: type,
          key_id: key.id,
          request_id: request.requestId,
          created_at: new Date(),
        })),
      )
      .onConflict((oc) => oc.column('hash').doNothing())
      .execute();
    // Identities, consent records and privacy preferences go with the profile (on delete cascade).
    await trx.deleteFrom('customers').where('id', '=', customerId).execute();
    // The request's own event stays until every domain has read it; it is reduced to the hash on completion.
    await forgetCustomerEvents(trx, customerId, [DataSubjectRequested.type]);
    return { exportPart: null };
  };
}

/** Applies one domain's DataSubjectRequestProgressed; the last one completes the request and closes it. */
export function applyProgress(settings: CustomersSettings) {
  return async (trx: Trx, event: DomainEvent): Promise<void> => {
    const progress = dataSubjectRequestProgressedPayload.parse(event.payload);
    const now = new Date();
    const request = await lockDataSubjectRequest(trx, progress.requestId);
    if (request?.status !== 'OPEN') return;
    // A subject erased while their export was open (customer_id nulled) gets no export parts stored.
    const exportPart = request.customer_id === null ? null : progress.exportPart;
    const pending = await markDomainDone(trx, request.id, progress.domain, exportPart, now);
    if (pending > 0) return;
    const isExport = request.kind === 'EXPORT';
    await completeDataSubjectRequest(
      trx,
      request.id,
      now,
      isExport ? new Date(now.getTime() + settings.exportRetentionMs) : null,
    );
    if (!isExport && request.customer_id !== null)
      await forgetRequestSubject(trx, request.customer_id, request.subject_hash, now);
    await appendEvent(trx, dataSubjectRequestClosed(request.id, request.kind));
  };
}

/** The consumers of the customers service for data-subject requests: its own part, and every domain's progress. */
export function privacyConsumers(settings: CustomersSettings) {
  const handle = applyProgress(settings);
  return [
    dataSubjectRequestConsumer<CustomersDatabase>('customers', customersPart(settings)),
    ...SUBGRAPH_NAMES.map((producer) => ({
      name: `customers-data-subject-request-progress-${producer}`,
      producer,
      types: ['DataSubjectRequestProgressed'],
      handle,
      // Never dead-lettered: a request must complete, so a failing report is retried until it applies.
      maxAttempts: Number.POSITIVE_INFINITY,
    })),
  ];
}

/**
 * The export document of a completed export: every domain's part, keyed by domain. Null while the
 * request is open, for an erasure, and after the retention (reading it then purges the parts).
 */
export async function exportDocument(
  db: Kysely<CustomersDatabase>,
  request: DataSubjectRequestRow,
  now = new Date(),
): Promise<string | null> {
  if (request.kind !== 'EXPORT' || request.status !== 'COMPLETED' || request.export_purged_at) return null;
  if (request.export_expires_at && request.export_expires_at <= now) {
    await purgeExpiredExports(db, now, request.id);
    return null;
  }
  const parts = await findRequestDomains(db, [request.id]);
  return JSON.stringify({
    requestId: request.id,
    customerId: request.customer_id,
    regime: request.regime,
    requestedAt: request.created_at.toISOString(),
    completedAt: request.completed_at?.toISOString() ?? null,
    domains: Object.fromEntries(parts.map((part) => [part.domain, part.export_part])),
  });
}

/** Purges expired exports at start and every `intervalMs` while the service runs (retention). */
export function exportRetentionJob(db: Kysely<CustomersDatabase>, logger?: Logger, intervalMs = 3_600_000) {
  // A failed sweep is logged and the next one tries again; a read after expiry purges on its own.
  return periodic(
    async () => {
      const purged = await purgeExpiredExports(db, new Date());
      if (purged > 0) logger?.info({ subgraph: 'customers', purged }, 'expired exports purged');
    },
    { everyMs: intervalMs, firstAfterMs: 0, name: 'purging expired exports', logger },
  );
}
