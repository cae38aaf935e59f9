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
  touchpointId: string;
  status: QueuedMessageStatus;
  cancelledAt: Date | null;
  cancellationReason: CancellationReason | null;
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
    // Written in the same transaction as the reminder, so a committed reminder always has it.
    touchpointId: row.touchpoint_id!,
    status: row.status,
    cancelledAt: row.cancelled_at,
    cancellationReason: row.cancellation_reason,
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
] as const;

/**
 * Inserts a reminder unless one exists for the same cart activity (the unique key decides, so two
 * trigger runs, a restart or a second instance cannot both queue it) or the read models say the
 * customer withdrew or objected meanwhile. Returns undefined then. Call it inside the transaction
 * that writes the reminder's touchpoint: the customer's message lock is held until it commits.
 */
export async function insertCartReminderOnce(
  db: Db,
  reminder: NewCartReminderRow,
): Promise<CartReminderRow | undefined> {
  await lockCustomerMessages(db, reminder.customer_id);
  if ((await withoutMarketingSuppressed(db, [reminder.customer_id], reminder.channel)).length === 0) return undefined;
  return db
    .insertInto('cart_reminders')
    .values({
      ...reminder,
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

export async function setCartReminderTouchpoint(db: Db, reminderId: string, touchpointId: string): Promise<void> {
  await db.updateTable('cart_reminders').set({ touchpoint_id: touchpointId }).where('id', '=', reminderId).execute();
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
