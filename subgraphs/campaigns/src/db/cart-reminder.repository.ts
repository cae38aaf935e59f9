import { sql, type Kysely, type Transaction } from 'kysely';
import type { TimeKey } from '../../../../shared/pagination.js';
import type { CartReminderItem, CartReminderRow, NewCartReminderRow } from './cart-reminder.table.js';
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
] as const;

/**
 * Inserts a reminder unless one exists for the same cart activity (the unique key decides, so two
 * trigger runs, a restart or a second instance cannot both queue it). Returns undefined when it existed.
 */
export async function insertCartReminderOnce(db: Db, reminder: NewCartReminderRow): Promise<CartReminderRow | undefined> {
  return db
    .insertInto('cart_reminders')
    .values({ ...reminder, items: sql`cast(${JSON.stringify(reminder.items)} as jsonb)` as unknown as CartReminderItem[] })
    .onConflict((oc) => oc.columns(['cart_id', 'cart_activity_at']).doNothing())
    .returning(reminderColumns)
    .executeTakeFirst();
}

export async function setCartReminderTouchpoint(db: Db, reminderId: string, touchpointId: string): Promise<void> {
  await db.updateTable('cart_reminders').set({ touchpoint_id: touchpointId }).where('id', '=', reminderId).execute();
}

/** Newest first, keyset on (queued_at, id). */
export async function listQueuedMessages(db: Db, limit: number, after?: TimeKey): Promise<CartReminderRow[]> {
  let query = db.selectFrom('cart_reminders').select(reminderColumns);
  if (after) query = query.where(({ eb, refTuple, tuple }) => eb(refTuple('queued_at', 'id'), '<', tuple(after.at, after.id)));
  return query.orderBy('queued_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** The campaign every reminder's SEND touchpoint belongs to; created on first use (returned then), never changed afterwards. */
export async function ensureReminderCampaign(db: Db, campaign: { id: string; name: string; channel: MarketingChannel }): Promise<CampaignRow | undefined> {
  return db
    .insertInto('campaigns')
    .values({ id: campaign.id, name: campaign.name, channel: campaign.channel, status: 'ACTIVE' })
    .onConflict((oc) => oc.column('id').doNothing())
    .returningAll()
    .executeTakeFirst();
}
