import { sql, type Kysely, type Transaction } from 'kysely';
import type { TimeKey } from '../../../../shared/pagination.js';
import type {
  CancellationReason,
  CartReminderItem,
  CartReminderRow,
  NewCartReminderRow,
  QueuedMessageStatus,
} from './cart-reminder.table.js';
import { lockCustomerMessages, withoutMarketingSuppressed } from './read-model.repository.js';
import type { CampaignsDatabase } from './database.js';
import type { CampaignRow, MarketingChannel } from './campaign.table.js';

type Db = Kysely<CampaignsDatabase> | Transaction<CampaignsDatabase>;

export interface QueuedMessage {
  id: string;
  customerId: string;
  channel: MarketingChannel;
  cartId: string;
  cartActivityAt: Date;
  items: CartReminderItem[];
  discount: { code: string; percentOff: number; validUntil: Date };
  queuedAt: Date;
  /** The SEND touchpoint, recorded when the message was delivered; null until then. */
  touchpointId: string | null;
  status: QueuedMessageStatus;
  cancelledAt: Date | null;
  cancellationReason: CancellationReason | null;
  attempts: number;
  nextAttemptAt: Date;
  sentAt: Date | null;
  failedAt: Date | null;
  lastError: string | null;
}

export function rowToQueuedMessage(row: CartReminderRow): QueuedMessage {
  return {
    id: row.id,
    customerId: row.customer_id,
    channel: row.channel,
    cartId: row.cart_id,
    cartActivityAt: row.cart_activity_at,
    items: row.items,
    discount: { code: row.discount_code, percentOff: row.discount_percent_off, validUntil: row.discount_valid_until },
    queuedAt: row.queued_at,
    touchpointId: row.touchpoint_id,
    status: row.status,
    cancelledAt: row.cancelled_at,
    cancellationReason: row.cancellation_reason,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    sentAt: row.sent_at,
    failedAt: row.failed_at,
    lastError: row.last_error,
  };
}

const reminderColumns = [
  'id',
  'customer_id',
  'channel',
  'cart_id',
  'cart_activity_at',
  'items',
  'discount_code',
  'discount_percent_off',
  'discount_valid_until',
  'queued_at',
  'touchpoint_id',
  'status',
  'cancelled_at',
  'cancellation_reason',
  'cancelled_by_event',
  'attempts',
  'next_attempt_at',
  'claim_token',
  'claimed_until',
  'sent_at',
  'failed_at',
  'last_error',
] as const;

/**
 * Inserts a reminder unless one exists for the same cart activity (the unique key decides, so two
 * trigger runs, a restart or a second instance cannot both queue it) or the read models say the
 * customer withdrew or objected meanwhile. Returns undefined then. Call it inside a transaction:
 * the customer's message lock is held until it commits. It is due for delivery at once.
 */
export async function insertCartReminderOnce(
  db: Db,
  reminder: Omit<NewCartReminderRow, 'next_attempt_at'>,
): Promise<CartReminderRow | undefined> {
  await lockCustomerMessages(db, reminder.customer_id);
  if ((await withoutMarketingSuppressed(db, [reminder.customer_id], reminder.channel)).length === 0) return undefined;
  return db
    .insertInto('cart_reminders')
    .values({
      ...reminder,
      next_attempt_at: reminder.queued_at,
      items: sql`cast(${JSON.stringify(reminder.items)} as jsonb)` as unknown as CartReminderItem[],
    })
    .onConflict((oc) => oc.columns(['cart_id', 'cart_activity_at']).doNothing())
    .returning(reminderColumns)
    .executeTakeFirst();
}

/**
 * Cancels a customer's queued messages (on one channel, or on all with channel null) before they
 * are sent, keeping each row as evidence with when, why and the event that caused it. The caller
 * holds the customer's message lock (lockCustomerMessages) in the same transaction. Returns the ids.
 */
export async function cancelQueuedMessages(
  db: Db,
  cancellation: { customerId: string; channel: string | null; reason: CancellationReason; at: Date; eventId: string },
): Promise<string[]> {
  let query = db
    .updateTable('cart_reminders')
    .set({
      status: 'CANCELLED',
      cancelled_at: cancellation.at,
      cancellation_reason: cancellation.reason,
      cancelled_by_event: cancellation.eventId,
    })
    .where('customer_id', '=', cancellation.customerId)
    .where('status', '=', 'QUEUED');
  if (cancellation.channel !== null)
    query = query.where('channel', '=', cancellation.channel as CartReminderRow['channel']);
  const rows = await query.returning('id').execute();
  return rows.map((row) => row.id);
}

/**
 * Claims up to `limit` messages due for delivery on `channel` (QUEUED and due, or SENDING whose
 * claim lapsed because its worker died) for one worker: FOR UPDATE SKIP LOCKED, so two workers never
 * claim the same message, and each claim counts as an attempt. The worker finishes each message with
 * the claim token; a claim that lapsed and was taken over can no longer finish.
 */
export async function claimDueMessages(
  db: Kysely<CampaignsDatabase>,
  claim: { channel: MarketingChannel; limit: number; now: Date; leaseMs: number; token: string },
): Promise<CartReminderRow[]> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('cart_reminders')
      .select('id')
      .where('channel', '=', claim.channel)
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'QUEUED'), eb('next_attempt_at', '<=', claim.now)]),
          eb.and([eb('status', '=', 'SENDING'), eb('claimed_until', '<', claim.now)]),
        ]),
      )
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(claim.limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return [];
    return trx
      .updateTable('cart_reminders')
      .set((eb) => ({
        status: 'SENDING',
        claim_token: claim.token,
        claimed_until: new Date(claim.now.getTime() + claim.leaseMs),
        attempts: eb('attempts', '+', 1),
      }))
      .where(
        'id',
        'in',
        due.map((row) => row.id),
      )
      .returning(reminderColumns)
      .execute();
  });
}

/**
 * Locks a message this worker still holds (SENDING with its claim token) in the caller's transaction;
 * undefined when it was cancelled, erased or taken over meanwhile: then nothing may be recorded for it.
 */
export async function lockClaimedMessage(
  db: Transaction<CampaignsDatabase>,
  id: string,
  token: string,
): Promise<CartReminderRow | undefined> {
  return db
    .selectFrom('cart_reminders')
    .select(reminderColumns)
    .where('id', '=', id)
    .where('status', '=', 'SENDING')
    .where('claim_token', '=', token)
    .forUpdate()
    .executeTakeFirst();
}

/** Ends a claimed message (locked with lockClaimedMessage in the same transaction). */
export async function finishClaimedMessage(
  db: Transaction<CampaignsDatabase>,
  id: string,
  outcome:
    | { status: 'SENT'; at: Date; touchpointId: string }
    | { status: 'QUEUED'; nextAttemptAt: Date; error: string }
    | { status: 'FAILED'; at: Date; error: string }
    | { status: 'CANCELLED'; at: Date; reason: CancellationReason },
): Promise<void> {
  const release = { claim_token: null, claimed_until: null };
  const set =
    outcome.status === 'SENT'
      ? {
          ...release,
          status: outcome.status,
          sent_at: outcome.at,
          touchpoint_id: outcome.touchpointId,
          last_error: null,
        }
      : outcome.status === 'QUEUED'
        ? { ...release, status: outcome.status, next_attempt_at: outcome.nextAttemptAt, last_error: outcome.error }
        : outcome.status === 'FAILED'
          ? { ...release, status: outcome.status, failed_at: outcome.at, last_error: outcome.error }
          : { ...release, status: outcome.status, cancelled_at: outcome.at, cancellation_reason: outcome.reason };
  await db.updateTable('cart_reminders').set(set).where('id', '=', id).execute();
}

/** Newest first, keyset on (queued_at, id). */
export async function listQueuedMessages(db: Db, limit: number, after?: TimeKey): Promise<CartReminderRow[]> {
  let query = db.selectFrom('cart_reminders').select(reminderColumns);
  if (after)
    query = query.where(({ eb, refTuple, tuple }) => eb(refTuple('queued_at', 'id'), '<', tuple(after.at, after.id)));
  return query.orderBy('queued_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** The campaign every reminder's SEND touchpoint belongs to; created on first use (returned then), never changed afterwards. */
export async function ensureReminderCampaign(
  db: Db,
  campaign: { id: string; name: string; channel: MarketingChannel },
): Promise<CampaignRow | undefined> {
  return db
    .insertInto('campaigns')
    .values({ id: campaign.id, name: campaign.name, channel: campaign.channel, status: 'ACTIVE' })
    .onConflict((oc) => oc.column('id').doNothing())
    .returningAll()
    .executeTakeFirst();
}
