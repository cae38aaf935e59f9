// The abandoned-cart trigger: finds carts idle long enough through the graph (orders knows carts
// and orders, inventory knows what is still available, customers knows consent), and queues one
// reminder per cart activity for customers with a current EMAIL MARKETING opt-in. The delivery
// worker (delivery.ts) sends it and records its SEND touchpoint only when delivery succeeds.
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { GraphClient } from '../../../shared/graph-client.js';
import type { BackgroundJobs } from '../../../shared/run.js';
import type { Logger } from '../../../shared/logger.js';
import { periodic } from '../../../shared/periodic.js';
import {
  ensureReminderCampaign,
  insertCartReminderOnce,
  rowToQueuedMessage,
  type QueuedMessage,
} from './db/cart-reminder.repository.js';
import type { CartReminderItem } from './db/cart-reminder.table.js';
import type { CampaignsDatabase } from './db/database.js';
import { appendEvent } from '../../../shared/events/index.js';
import { campaignChanged } from './events/published.js';

export interface CartReminderSettings {
  /** How often the trigger runs on its own; 0 turns the timer off (the mutation still runs it). */
  intervalMs: number;
  idleMinutes: number;
  discountPercentOff: number;
  discountValidHours: number;
  /** A run stops after this many carts, so one run's work stays bounded; the next run continues. */
  maxCartsPerRun: number;
}

export const DEFAULT_CART_REMINDER_SETTINGS: CartReminderSettings = {
  intervalMs: 60_000,
  idleMinutes: 30,
  discountPercentOff: 10,
  discountValidHours: 48,
  maxCartsPerRun: 5_000,
};

/** The campaign the reminders' SEND touchpoints (written at delivery) belong to, created by the first run. */
export const CART_REMINDER_CAMPAIGN = {
  id: 'cmp-cart-reminders',
  name: 'Abandoned-cart reminders',
  channel: 'EMAIL',
} as const;

const PAGE_SIZE = 100;

export const ABANDONED_CARTS_QUERY = /* GraphQL */ `
  query CartReminderCandidates($idleMinutes: Int!, $first: Int!, $after: String) {
    abandonedCarts(idleMinutes: $idleMinutes, first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes {
        lastActivityAt
        cart { id availableLines { product { sku } quantity availableQuantity } }
        customer { id contactable(purpose: MARKETING, channel: EMAIL) }
      }
    }
  }
`;

interface CandidatePage {
  abandonedCarts: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: {
      lastActivityAt: string;
      cart: {
        id: string;
        availableLines: { product: { sku: string } | null; quantity: number; availableQuantity: number }[] | null;
      };
      customer: { id: string; contactable: boolean | null } | null;
    }[];
  };
}

/** What the reminder offers: the cart's lines that can be sold now, capped at what is available. */
export function reminderItems(
  lines: CandidatePage['abandonedCarts']['nodes'][number]['cart']['availableLines'],
): CartReminderItem[] {
  const items: CartReminderItem[] = [];
  for (const line of lines ?? []) {
    if (!line.product || line.availableQuantity <= 0 || line.quantity <= 0) continue;
    items.push({ sku: line.product.sku, quantity: Math.min(line.quantity, line.availableQuantity) });
  }
  return items;
}

/** A code that is the same for the same cart activity, so a reviewer can match a message to its cart. */
export function discountCode(cartId: string, activityAt: Date): string {
  return `CART-${createHash('sha256').update(`${cartId}@${activityAt.toISOString()}`).digest('hex').slice(0, 10).toUpperCase()}`;
}

/** Runs the trigger once: every eligible cart activity without a reminder gets exactly one. */
export async function runCartReminderTrigger(
  deps: { db: Kysely<CampaignsDatabase>; graph: GraphClient; settings: CartReminderSettings; logger?: Logger },
  now: Date = new Date(),
): Promise<QueuedMessage[]> {
  const { db, graph, settings } = deps;
  const queued: QueuedMessage[] = [];
  let campaignReady = false;
  let seen = 0;
  let after: string | null = null;
  do {
    const page: CandidatePage = await graph.request<CandidatePage>(ABANDONED_CARTS_QUERY, {
      idleMinutes: settings.idleMinutes,
      first: PAGE_SIZE,
      after,
    });
    for (const candidate of page.abandonedCarts.nodes) {
      seen += 1;
      // Consent is absolute: only an explicit current opt-in counts; null (customer unknown or erased) does not.
      if (candidate.customer?.contactable !== true) continue;
      const items = reminderItems(candidate.cart.availableLines);
      if (items.length === 0) continue;
      if (!campaignReady) {
        await db.transaction().execute(async (trx) => {
          const created = await ensureReminderCampaign(trx, CART_REMINDER_CAMPAIGN);
          if (created) await appendEvent(trx, campaignChanged(created, [], true));
        });
        campaignReady = true;
      }
      const activityAt = new Date(candidate.lastActivityAt);
      const reminder = await db.transaction().execute(async (trx) => {
        const row = await insertCartReminderOnce(trx, {
          id: randomUUID(),
          customer_id: candidate.customer!.id,
          channel: 'EMAIL',
          cart_id: candidate.cart.id,
          cart_activity_at: activityAt,
          items,
          discount_code: discountCode(candidate.cart.id, activityAt),
          discount_percent_off: settings.discountPercentOff,
          discount_valid_until: new Date(now.getTime() + settings.discountValidHours * 3_600_000),
          queued_at: now,
        });
        return row && rowToQueuedMessage(row);
      });
      if (reminder) {
        queued.push(reminder);
        deps.logger?.info(
          { subgraph: 'campaigns', customerId: reminder.customerId, cartId: reminder.cartId, messageId: reminder.id },
          'cart reminder queued',
        );
      }
    }
    after = page.abandonedCarts.pageInfo.hasNextPage ? page.abandonedCarts.pageInfo.endCursor : null;
  } while (after && seen < settings.maxCartsPerRun);
  return queued;
}

/** Runs the trigger every settings.intervalMs (never with 0), never two runs at once; stop() waits for a run in progress. */
export function createCartReminderJob(deps: Parameters<typeof runCartReminderTrigger>[0]): BackgroundJobs {
  return periodic(
    async () => {
      const queued = await runCartReminderTrigger(deps);
      deps.logger?.debug({ subgraph: 'campaigns', queued: queued.length }, 'cart reminder trigger ran');
    },
    { everyMs: deps.settings.intervalMs, name: 'cart reminder trigger', logger: deps.logger },
  );
}

/** What QueuedMessage's resolvers receive: a message read back from the table. */
export type QueuedMessageParent = QueuedMessage;
