// The job registry: every domain's jobs, kept from their JobChanged events.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { JobChanged } from '../../../../shared/jobs/events.js';
import type { JobStatus } from '../../../../shared/jobs/job.table.js';
import type { TimeKey } from '../../../../shared/pagination.js';
import type { CampaignsDatabase } from './database.js';
import type { JobRegistryRow } from './job-registry.table.js';

type Db = Kysely<CampaignsDatabase> | Transaction<CampaignsDatabase>;

/**
 * Writes a job's state from its JobChanged event unless the registry already holds this or a
 * later version (the event may be redelivered, or arrive after a newer one). A cancel request
 * recorded here sticks until the owner reports the job finished.
 */
export async function upsertRegistryJob(db: Db, event: JobChanged): Promise<boolean> {
  const row = {
    id: event.jobId,
    domain: event.domain,
    kind: event.kind,
    target: event.target,
    scope: event.scope,
    status: event.status,
    progress: event.progress,
    created_by: event.createdBy,
    created_at: new Date(event.createdAt),
    started_at: event.startedAt ? new Date(event.startedAt) : null,
    finished_at: event.finishedAt ? new Date(event.finishedAt) : null,
    error: event.error,
    result: event.result,
    cancel_requested: event.cancelRequested,
    version: event.version,
  };
  const written = await db
    .insertInto('job_registry')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet((eb) => ({
          status: eb.ref('excluded.status'),
          progress: eb.ref('excluded.progress'),
          started_at: eb.ref('excluded.started_at'),
          finished_at: eb.ref('excluded.finished_at'),
          error: eb.ref('excluded.error'),
          result: eb.ref('excluded.result'),
          cancel_requested: sql<boolean>`excluded.cancel_requested or (job_registry.cancel_requested and excluded.status in ('QUEUED', 'RUNNING'))`,
          version: eb.ref('excluded.version'),
          updated_at: sql<Date>`now()`,
        }))
        .where('job_registry.version', '<', (eb) => eb.ref('excluded.version')),
    )
    .executeTakeFirst();
  return Number(written.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function findRegistryJobs(db: Db, ids: readonly string[]): Promise<JobRegistryRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('job_registry').selectAll().where('id', 'in', ids).execute();
}

export interface RegistryFilter {
  kind?: string | null;
  status?: JobStatus | null;
  /** Only jobs this subject started or whose scope is among these. */
  visibleTo: { subject: string; scopes: readonly string[] };
  limit: number;
  after?: TimeKey;
}

/** Jobs newest first, only those the viewer may read. */
export async function listRegistryJobs(db: Db, filter: RegistryFilter): Promise<JobRegistryRow[]> {
  let query = db
    .selectFrom('job_registry')
    .selectAll()
    .where((eb) => {
      const visible = [eb('created_by', '=', filter.visibleTo.subject)];
      if (filter.visibleTo.scopes.length > 0) visible.push(eb('scope', 'in', filter.visibleTo.scopes));
      return eb.or(visible);
    });
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.after) {
    const { at, id } = filter.after;
    query = query.where((eb) =>
      eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', id)])]),
    );
  }
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}

/** Records a cancel request for an active job another domain runs; undefined when it is not active. */
export async function markRegistryCancelRequested(db: Db, id: string): Promise<JobRegistryRow | undefined> {
  return db
    .updateTable('job_registry')
    .set({ cancel_requested: true, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('status', 'in', ['QUEUED', 'RUNNING'])
    .returningAll()
    .executeTakeFirst();
}
