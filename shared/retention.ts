// Every table that grows with time has a retention, and each service enforces its own once a day:
// rows past it are deleted in bounded batches. The policies every domain shares are here; a domain
// adds its own (touchpoints, queued messages, carts, ...) in `<domain>/src/retention.ts`.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { ACCESS_LOG_RETENTION_DAYS } from './audit/migration.js';
import type { AnyDatabase } from './db.js';
import type { Logger } from './logger.js';
import { periodic } from './periodic.js';
import type { BackgroundJobs } from './run.js';

export interface RetentionPolicy {
  table: string;
  /** The time column the age is measured on. */
  column: string;
  days: number;
  /** Only rows matching this may go (e.g. jobs that ended, events already positioned). */
  where?: RawBuilder<boolean>;
  /** Why this long: shown in the README's retention table. */
  why: string;
}

const DAY_MS = 86_400_000;
const BATCH = 5_000;

/** What every domain database holds and keeps for a bounded time. */
export const SHARED_RETENTION: RetentionPolicy[] = [
  {
    table: 'access_log',
    column: 'at',
    days: ACCESS_LOG_RETENTION_DAYS,
    why: 'accountability for a year of access with a margin (the database refuses an earlier delete)',
  },
  {
    table: 'outbox',
    column: 'recorded_at',
    days: 400,
    where: sql<boolean>`position is not null`,
    why: 'a consumer added later can rebuild a read model from a year of events; older facts live in the owner tables',
  },
  {
    table: 'processed_events',
    column: 'applied_at',
    days: 90,
    why: 'idempotency covers redeliveries, which come within minutes (JetStream) or by position (event log)',
  },
  {
    table: 'jobs',
    column: 'finished_at',
    days: 90,
    where: sql<boolean>`finished_at is not null`,
    why: 'a job is looked at while it runs and shortly after; its result lives in the tables it wrote',
  },
];

/** Deletes the rows of one policy that are past it (measured from `now`); answers how many went. */
export async function enforceRetention(db: Kysely<AnyDatabase>, policy: RetentionPolicy, now = new Date()) {
  const exists = await sql<{ found: string | null }>`select to_regclass(${policy.table})::text as found`.execute(db);
  if (!exists.rows[0]?.found) return 0;
  const cutoff = new Date(now.getTime() - policy.days * DAY_MS - 60_000);
  const where = policy.where ?? sql<boolean>`true`;
  let purged = 0;
  for (;;) {
    const result = await sql`
      delete from ${sql.table(policy.table)} where ctid in (
        select ctid from ${sql.table(policy.table)} where ${sql.ref(policy.column)} < ${cutoff} and ${where} limit ${BATCH})`.execute(
      db,
    );
    const count = Number(result.numAffectedRows ?? 0);
    purged += count;
    if (count < BATCH) return purged;
  }
}

/** The daily enforcement as a service's background work (first run a minute after start). */
export function retentionJobs(db: Kysely<AnyDatabase>, policies: RetentionPolicy[], logger?: Logger): BackgroundJobs {
  return periodic(
    async () => {
      for (const policy of policies) {
        try {
          const purged = await enforceRetention(db, policy);
          if (purged > 0)
            logger?.info({ table: policy.table, purged, days: policy.days }, 'rows past retention purged');
        } catch (err) {
          logger?.warn({ err, table: policy.table }, 'retention purge failed; retrying tomorrow');
        }
      }
    },
    { everyMs: DAY_MS, firstAfterMs: 60_000, name: 'retention', logger },
  );
}
