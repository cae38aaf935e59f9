// CART_REMINDERS: one run of the abandoned-cart trigger, started by a mutation (the interval runs it too).
import type { Kysely } from 'kysely';
import type { GraphClient } from '../../../../shared/graph-client.js';
import type { JobHandler } from '../../../../shared/jobs/runner.js';
import type { Logger } from '../../../../shared/logger.js';
import { runCartReminderTrigger, type CartReminderSettings } from '../cart-reminders.js';
import type { CampaignsDatabase } from '../db/database.js';

/** Resumable: a reminder is queued at most once per cart activity. Result: the run's queuedAt, shared by every message it queued (Query.queuedMessages). */
export const cartRemindersJob = (deps: {
  db: Kysely<CampaignsDatabase>;
  graph: GraphClient;
  settings: CartReminderSettings;
  logger?: Logger;
}): JobHandler<Record<string, never>> => ({
  kind: 'CART_REMINDERS',
  scope: 'analytics:run',
  resumable: true,
  run: async () => {
    const now = new Date();
    await runCartReminderTrigger(deps, now);
    return now.toISOString();
  },
});
