// The delivery worker: claims queued messages that are due (two workers never claim the same one),
// asks the customers domain through the graph, with the campaigns service identity, whether each
// recipient may still be contacted and where, sends through the MessageSender, and records the SEND
// touchpoint in the transaction that marks the message SENT. When the owner cannot answer, nothing is
// sent: the attempt is retried with back-off and the message ends FAILED after the last attempt.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { GraphClient } from '../../../shared/graph-client.js';
import type { Logger } from '../../../shared/logger.js';
import type { BackgroundJobs } from '../../../shared/run.js';
import { periodic } from '../../../shared/periodic.js';
import { appendEvent } from '../../../shared/events/index.js';
import { messageDeliveries } from '../../../shared/metrics.js';
import { CART_REMINDER_CAMPAIGN } from './cart-reminders.js';
import {
  claimDueMessages,
  finishClaimedMessage,
  lockClaimedMessage,
  rowToQueuedMessage,
  type QueuedMessage,
} from './db/cart-reminder.repository.js';
import type { CartReminderRow } from './db/cart-reminder.table.js';
import type { CampaignsDatabase } from './db/database.js';
import { withoutMarketingSuppressed } from './db/read-model.repository.js';
import { insertTouchpoint } from './db/touchpoint.repository.js';
import { touchpointRecorded } from './events/published.js';
import { DeliveryError, type MessageSender, type MessageTransportSettings } from './message-sender.js';

export interface DeliverySettings {
  /** How often the worker looks for due messages on its own; 0 turns it off. */
  intervalMs: number;
  /** Messages claimed per round. */
  batchSize: number;
  /** Attempts before a message is FAILED. */
  maxAttempts: number;
  /** The wait after the first failed attempt; it doubles with each further one. */
  retryBaseMs: number;
  /** How long a claim holds; a claim its worker did not finish (a crash) is taken over after it. */
  leaseMs: number;
  transport: MessageTransportSettings;
}

export const DEFAULT_DELIVERY_SETTINGS: DeliverySettings = {
  intervalMs: 5_000,
  batchSize: 20,
  maxAttempts: 5,
  retryBaseMs: 60_000,
  leaseMs: 300_000,
  transport: { kind: 'eml', dir: '.data/mail', from: 'mesh360 <no-reply@mesh360.local>' },
};

/** Who may be sent to, asked live of the owner at send time (the read models may lag behind a withdrawal). */
export const DELIVERY_RECIPIENTS_QUERY = /* GraphQL */ `
  query DeliveryRecipients($ids: [ID!]!) {
    customersByIds(ids: $ids) { id email contactable(purpose: MARKETING, channel: EMAIL) }
  }
`;

interface RecipientsResult {
  customersByIds: ({ id: string; email: string | null; contactable: boolean | null } | null)[];
}

export interface DeliveryDeps {
  db: Kysely<CampaignsDatabase>;
  graph: GraphClient;
  sender: MessageSender;
  settings: DeliverySettings;
  logger?: Logger;
}

export interface DeliveryOutcome {
  sent: QueuedMessage[];
  retried: string[];
  failed: string[];
  cancelled: string[];
}

/** The reminder's text: what is left in the cart and the discount code. */
export function renderReminder(message: QueuedMessage): { subject: string; text: string } {
  const lines = message.items.map((item) => `  ${item.quantity} x ${item.sku}`).join('\n');
  return {
    subject: 'You left something in your cart',
    text: [
      'Your cart is waiting for you:',
      lines,
      '',
      `Use code ${message.discount.code} for ${message.discount.percentOff}% off until ${message.discount.validUntil.toISOString()}.`,
      '',
      'You receive this because you agreed to marketing email. To stop it, withdraw your consent in your account.',
    ].join('\n'),
  };
}

/** Replaces anything that looks like an email address, so an error kept as evidence holds no contact data. */
export function redactAddresses(text: string): string {
  return text.replace(/[^\s<>()"',;:@]+@[^\s<>()"',;:@]+/g, '<address>').slice(0, 1_000);
}

/** The back-off before attempt `attempts + 1`: retryBaseMs, then doubling. */
export function retryDelayMs(settings: Pick<DeliverySettings, 'retryBaseMs'>, attempts: number): number {
  return settings.retryBaseMs * 2 ** Math.max(0, attempts - 1);
}

/** Claims and delivers due EMAIL messages until none is due (or `maxRounds` batches were claimed). */
export async function deliverDueMessages(
  deps: DeliveryDeps,
  options: { now?: () => Date; maxRounds?: number } = {},
): Promise<DeliveryOutcome> {
  const now = options.now ?? (() => new Date());
  const outcome: DeliveryOutcome = { sent: [], retried: [], failed: [], cancelled: [] };
  for (let round = 0; round < (options.maxRounds ?? 50); round++) {
    const token = randomUUID();
    const claimed = await claimDueMessages(deps.db, {
      channel: 'EMAIL',
      limit: deps.settings.batchSize,
      now: now(),
      leaseMs: deps.settings.leaseMs,
      token,
    });
    if (claimed.length === 0) break;
    await deliverClaimed(deps, claimed, token, now, outcome);
  }
  return outcome;
}

async function deliverClaimed(
  deps: DeliveryDeps,
  claimed: CartReminderRow[],
  token: string,
  now: () => Date,
  outcome: DeliveryOutcome,
): Promise<void> {
  const ids = [...new Set(claimed.map((row) => row.customer_id))];
  let recipients: Map<string, RecipientsResult['customersByIds'][number]>;
  try {
    const result = await deps.graph.request<RecipientsResult>(DELIVERY_RECIPIENTS_QUERY, { ids });
    recipients = new Map(ids.map((id, i) => [id, result.customersByIds[i]]));
  } catch (error) {
    // The owner could not answer: refuse to send, and try again later.
    const reason = `consent could not be checked with the customers domain: ${(error as Error).message}`;
    for (const row of claimed) await failAttempt(deps, row, token, new DeliveryError(reason, false), now(), outcome);
    return;
  }
  // A second line of defence: what the read models already know (an objection, an opt-out) also stops it.
  const allowed = new Set(await withoutMarketingSuppressed(deps.db, ids, 'EMAIL'));
  for (const row of claimed) {
    const recipient = recipients.get(row.customer_id);
    if (recipient?.contactable !== true || !allowed.has(row.customer_id)) {
      await finish(deps, row, token, outcome.cancelled, () => ({
        status: 'CANCELLED',
        at: now(),
        reason: 'NOT_CONTACTABLE_AT_SEND',
      }));
      continue;
    }
    if (!recipient.email) {
      await failAttempt(deps, row, token, new DeliveryError('the customer has no email address', true), now(), outcome);
      continue;
    }
    const message = rowToQueuedMessage(row);
    try {
      await deps.sender.send({ id: row.id, to: recipient.email, ...renderReminder(message) });
    } catch (error) {
      await failAttempt(deps, row, token, error, now(), outcome);
      continue;
    }
    const sentAt = now();
    const sent = await deps.db.transaction().execute(async (trx) => {
      if (!(await lockClaimedMessage(trx, row.id, token))) return undefined;
      const touchpoint = await insertTouchpoint(trx, {
        id: randomUUID(),
        customerId: row.customer_id,
        campaignId: CART_REMINDER_CAMPAIGN.id,
        kind: 'SEND',
        channel: row.channel,
        occurredAt: sentAt,
      });
      if (!touchpoint)
        throw new Error(`campaign ${CART_REMINDER_CAMPAIGN.id} is missing: a reminder is queued after it`);
      await finishClaimedMessage(trx, row.id, { status: 'SENT', at: sentAt, touchpointId: touchpoint.id });
      await appendEvent(trx, touchpointRecorded(touchpoint));
      return rowToQueuedMessage({
        ...row,
        status: 'SENT',
        sent_at: sentAt,
        touchpoint_id: touchpoint.id,
        claim_token: null,
        claimed_until: null,
        last_error: null,
      });
    });
    if (sent) {
      outcome.sent.push(sent);
      messageDeliveries().inc({ channel: row.channel, sender: deps.sender.kind, outcome: 'sent' });
      deps.logger?.info(
        { subgraph: 'campaigns', messageId: row.id, customerId: row.customer_id, via: deps.sender.kind },
        'message delivered',
      );
    } else {
      deps.logger?.warn(
        { subgraph: 'campaigns', messageId: row.id },
        'message delivered, but it was cancelled, erased or taken over meanwhile: no touchpoint recorded',
      );
    }
  }
}

/** Ends a claimed message in its own transaction, unless the claim is no longer this worker's. */
async function finish(
  deps: DeliveryDeps,
  row: CartReminderRow,
  token: string,
  into: string[],
  outcome: () => Parameters<typeof finishClaimedMessage>[2],
): Promise<void> {
  const ending = outcome();
  const done = await deps.db.transaction().execute(async (trx) => {
    if (!(await lockClaimedMessage(trx, row.id, token))) return false;
    await finishClaimedMessage(trx, row.id, ending);
    return true;
  });
  if (!done) return;
  into.push(row.id);
  const labels = { channel: row.channel, sender: deps.sender.kind };
  const counted = ending.status === 'QUEUED' ? 'retried' : ending.status.toLowerCase();
  messageDeliveries().inc({ ...labels, outcome: counted });
}

async function failAttempt(
  deps: DeliveryDeps,
  row: CartReminderRow,
  token: string,
  error: unknown,
  at: Date,
  outcome: DeliveryOutcome,
): Promise<void> {
  // Kept on the message and shown under marketing:read: a mail server's text may name the address.
  const message = redactAddresses(error instanceof Error ? error.message : String(error));
  const permanent = error instanceof DeliveryError && error.permanent;
  // row.attempts already counts this attempt (the claim added it).
  const last = permanent || row.attempts >= deps.settings.maxAttempts;
  deps.logger?.warn(
    { subgraph: 'campaigns', messageId: row.id, attempts: row.attempts, permanent, err: error },
    last ? 'message delivery failed for good' : 'message delivery failed; retrying later',
  );
  if (last) await finish(deps, row, token, outcome.failed, () => ({ status: 'FAILED', at, error: message }));
  else
    await finish(deps, row, token, outcome.retried, () => ({
      status: 'QUEUED',
      nextAttemptAt: new Date(at.getTime() + retryDelayMs(deps.settings, row.attempts)),
      error: message,
    }));
}

/** Runs the worker every settings.intervalMs, never two rounds at once; stop() waits for a round, then closes the sender. */
export function createDeliveryJob(deps: DeliveryDeps): BackgroundJobs {
  const rounds = periodic(
    async () => {
      const outcome = await deliverDueMessages(deps);
      const counts = {
        sent: outcome.sent.length,
        retried: outcome.retried.length,
        failed: outcome.failed.length,
        cancelled: outcome.cancelled.length,
      };
      if (Object.values(counts).some((n) => n > 0))
        deps.logger?.info({ subgraph: 'campaigns', ...counts }, 'delivery round');
    },
    { everyMs: deps.settings.intervalMs, name: 'delivery round', logger: deps.logger },
  );
  return {
    start: () => rounds.start(),
    async stop() {
      await rounds.stop();
      await deps.sender.close();
    },
  };
}
