// The job registry (Query.job, Query.jobs, Mutation.cancelJob): every job-running domain's jobs in
// one place, kept from their JobChanged events, so a client asks one domain about any job. A domain
// never reads another's database: the registry learns only what the owners publish.
import type { Kysely, Transaction } from 'kysely';
import type { Viewer } from '../../../shared/auth.js';
import { NotFoundError } from '../../../shared/errors.js';
import type { JobChanged, JobCancelRequested } from '../../../shared/jobs/events.js';
import { assertMayReadJob, isJobId, rowToJob, type Job } from '../../../shared/jobs/graphql.js';
import type { JobRunner } from '../../../shared/jobs/runner.js';
import type { JobStatus } from '../../../shared/jobs/job.table.js';
import { decodeTimeKey, pageSize, timeKeyParts, toConnection } from '../../../shared/pagination.js';
import type { CampaignsDatabase } from './db/database.js';
import {
  findRegistryJobs,
  listRegistryJobs,
  markRegistryCancelRequested,
  upsertRegistryJob,
} from './db/job-registry.repository.js';
import type { JobRegistryRow } from './db/job-registry.table.js';
import type { JobCancelRequestedSink } from './jobs/index.js';

/**
 * Applies one JobChanged event to the registry: idempotent (a redelivered event changes nothing)
 * and ordered by the owner's per-job version (an older event arriving late is ignored).
 */
export async function applyJobChanged(
  trx: Kysely<CampaignsDatabase> | Transaction<CampaignsDatabase>,
  event: JobChanged,
): Promise<boolean> {
  return upsertRegistryJob(trx, event);
}

async function readableRegistryJob(
  db: Kysely<CampaignsDatabase>,
  viewer: Viewer | undefined,
  id: string,
): Promise<JobRegistryRow | undefined> {
  const [row] = isJobId(id) ? await findRegistryJobs(db, [id]) : [];
  if (row) assertMayReadJob(viewer, { id: row.id, createdBy: row.created_by, scope: row.scope });
  return row;
}

/** One job of any domain, or null; FORBIDDEN when the viewer neither started it nor holds its scope. */
export async function registryJob(
  db: Kysely<CampaignsDatabase>,
  viewer: Viewer | undefined,
  id: string,
): Promise<Job | null> {
  const row = await readableRegistryJob(db, viewer, id);
  return row ? rowToJob(row) : null;
}

/** Jobs the viewer may read, newest first, by kind and status. */
export async function registryJobs(
  db: Kysely<CampaignsDatabase>,
  viewer: Viewer | undefined,
  args: { kind?: string | null; status?: JobStatus | null; first?: number | null; after?: string | null },
) {
  const first = pageSize(args.first);
  const rows = viewer
    ? await listRegistryJobs(db, {
        kind: args.kind,
        status: args.status,
        visibleTo: viewer,
        limit: first + 1,
        after: decodeTimeKey(args.after),
      })
    : [];
  return toConnection(rows, first, (row) => timeKeyParts(row.created_at, row.id), rowToJob);
}

/**
 * Cancels a job of any domain. This domain's own jobs are cancelled by its runner at once; for
 * another domain's job the request is recorded here and a JobCancelRequested event goes to the
 * owner, in one transaction; the owner's runner stops the job and its JobChanged reports it.
 */
export async function cancelJob(
  deps: { db: Kysely<CampaignsDatabase>; jobs: JobRunner; onCancelRequested?: JobCancelRequestedSink },
  viewer: Viewer | undefined,
  id: string,
): Promise<Job> {
  const row = await readableRegistryJob(deps.db, viewer, id);
  if (!row) throw new NotFoundError(`No job with id ${id}`, { jobId: id });
  if (row.domain === deps.jobs.domain) {
    await deps.jobs.cancel(id);
  } else {
    await deps.db.transaction().execute(async (trx) => {
      if (!(await markRegistryCancelRequested(trx, id))) return;
      const event: JobCancelRequested = {
        type: 'JobCancelRequested',
        schemaVersion: 1,
        domain: row.domain,
        jobId: id,
        requestedBy: viewer!.subject,
        requestedAt: new Date().toISOString(),
      };
      await deps.onCancelRequested?.(trx, event);
    });
  }
  return rowToJob((await findRegistryJobs(deps.db, [id]))[0]);
}
