import { sql, type Kysely, type Transaction } from 'kysely';
import type { DsrKind } from '../../../../shared/privacy/requests.js';
import type { DataSubjectRequestDomainRow, DataSubjectRequestRow } from './data-subject-request.table.js';
import type { CustomersDatabase } from './database.js';

type Db = Kysely<CustomersDatabase>;
type Trx = Transaction<CustomersDatabase>;

export async function findDataSubjectRequest(db: Db, id: string): Promise<DataSubjectRequestRow | undefined> {
  return db.selectFrom('data_subject_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The request, locked until the transaction ends: progress reports of several domains apply one at a time. */
export async function lockDataSubjectRequest(trx: Trx, id: string): Promise<DataSubjectRequestRow | undefined> {
  return trx.selectFrom('data_subject_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function findOpenDataSubjectRequest(
  db: Db,
  customerId: string,
  kind: DsrKind,
): Promise<DataSubjectRequestRow | undefined> {
  return db
    .selectFrom('data_subject_requests')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('kind', '=', kind)
    .where('status', '=', 'OPEN')
    .executeTakeFirst();
}

export async function findRequestDomains(
  db: Db,
  requestIds: readonly string[],
): Promise<DataSubjectRequestDomainRow[]> {
  if (requestIds.length === 0) return [];
  return db
    .selectFrom('data_subject_request_domains')
    .selectAll()
    .where('request_id', 'in', requestIds)
    .orderBy('request_id')
    .orderBy('domain')
    .execute();
}

/** Inserts the request and one PENDING row per domain; undefined when an open one of the kind exists (lost race). */
export async function insertDataSubjectRequest(
  trx: Trx,
  request: Omit<DataSubjectRequestRow, 'status' | 'completed_at' | 'export_expires_at' | 'export_purged_at'>,
  domains: readonly string[],
): Promise<DataSubjectRequestRow | undefined> {
  const row = await trx
    .insertInto('data_subject_requests')
    .values(request)
    .onConflict((oc) => oc.columns(['customer_id', 'kind']).where(sql<boolean>`status = 'OPEN'`).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!row) return undefined;
  await trx
    .insertInto('data_subject_request_domains')
    .values(domains.map((domain) => ({ request_id: row.id, domain, completed_at: null, export_part: null })))
    .execute();
  return row;
}

/** Marks one domain's part done (a repeat changes nothing); returns the domains still pending. */
export async function markDomainDone(
  trx: Trx,
  requestId: string,
  domain: string,
  exportPart: Record<string, unknown> | null,
  at: Date,
): Promise<number> {
  await trx
    .updateTable('data_subject_request_domains')
    .set({ status: 'DONE', completed_at: at, export_part: exportPart === null ? null : JSON.stringify(exportPart) })
    .where('request_id', '=', requestId)
    .where('domain', '=', domain)
    .where('status', '=', 'PENDING')
    .execute();
  const pending = await trx
    .selectFrom('data_subject_request_domains')
    .select(sql<number>`count(*)`.as('n'))
    .where('request_id', '=', requestId)
    .where('status', '=', 'PENDING')
    .executeTakeFirstOrThrow();
  return Number(pending.n);
}

export async function completeDataSubjectRequest(
  trx: Trx,
  requestId: string,
  at: Date,
  exportExpiresAt: Date | null,
): Promise<void> {
  await trx
    .updateTable('data_subject_requests')
    .set({ status: 'COMPLETED', completed_at: at, export_expires_at: exportExpiresAt })
    .where('id', '=', requestId)
    .execute();
}

/**
 * After an erasure completed: no request row keeps the customer id, no export part keeps what was
 * exported of them, and the DataSubjectRequested events in the outbox name the subject by hash only.
 */
export async function forgetRequestSubject(trx: Trx, customerId: string, subjectHash: string, at: Date): Promise<void> {
  const requests = await trx
    .updateTable('data_subject_requests')
    .set({ customer_id: null })
    .where('customer_id', '=', customerId)
    .returning('id')
    .execute();
  await dropExportParts(
    trx,
    requests.map((row) => row.id),
  );
  await trx
    .updateTable('data_subject_requests')
    .set({ export_purged_at: at })
    .where('subject_hash', '=', subjectHash)
    .where('kind', '=', 'EXPORT')
    .where('export_purged_at', 'is', null)
    .execute();
  await sql`update outbox set payload = jsonb_set(payload, '{customerId}', to_jsonb(${subjectHash}::text))
    where type = 'DataSubjectRequested' and payload->>'customerId' = ${customerId}`.execute(trx);
}

/** Drops the export parts of exports whose retention ended before `now`; returns how many exports were purged. */
export async function purgeExpiredExports(db: Db, now: Date, requestId?: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    let expired = trx
      .updateTable('data_subject_requests')
      .set({ export_purged_at: now })
      .where('kind', '=', 'EXPORT')
      .where('export_expires_at', '<=', now)
      .where('export_purged_at', 'is', null);
    if (requestId !== undefined) expired = expired.where('id', '=', requestId);
    const purged = await expired.returning('id').execute();
    await dropExportParts(
      trx,
      purged.map((row) => row.id),
    );
    return purged.length;
  });
}

async function dropExportParts(trx: Trx, requestIds: readonly string[]): Promise<void> {
  if (requestIds.length === 0) return;
  await trx
    .updateTable('data_subject_request_domains')
    .set({ export_part: null })
    .where('request_id', 'in', requestIds)
    .execute();
}
