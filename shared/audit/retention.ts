// The access log keeps each record ACCESS_LOG_RETENTION_DAYS (the database refuses an earlier
// delete); this purge removes what has passed it, once a day, in bounded batches.
import { sql, type Kysely } from 'kysely';
import type { AnyDatabase } from '../db.js';
import type { Logger } from '../logger.js';
import type { BackgroundJobs } from '../run.js';
import { ACCESS_LOG_RETENTION_DAYS } from './migration.js';

const DAY_MS = 86_400_000;
const BATCH = 5_000;

/** Deletes access records older than the retention; answers how many went. */
export async function purgeExpiredAccessRecords(db: Kysely<AnyDatabase>, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - ACCESS_LOG_RETENTION_DAYS * DAY_MS - 60_000);
  let purged = 0;
  for (;;) {
    const result = await sql`
      delete from access_log where id in (select id from access_log where at < ${cutoff} order by id limit ${BATCH})`.execute(
      db,
    );
    const count = Number(result.numAffectedRows ?? 0);
    purged += count;
    if (count < BATCH) return purged;
  }
}

/** The daily purge as a service's background work (the first run a minute after start). */
export function accessLogRetention(db: Kysely<AnyDatabase>, logger?: Logger): BackgroundJobs {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const run = () => {
    running = purgeExpiredAccessRecords(db)
      .then((purged) => {
        if (purged > 0) logger?.info({ purged }, 'access records past their retention purged');
      })
      .catch((err) => logger?.warn({ err }, 'access-log purge failed; retrying tomorrow'))
      .finally(() => {
        running = undefined;
        timer = setTimeout(run, DAY_MS).unref();
      });
  };
  return {
    start() {
      timer = setTimeout(run, 60_000).unref();
    },
    async stop() {
      clearTimeout(timer);
      await running;
    },
  };
}
