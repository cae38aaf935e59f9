// The events campaigns consumes into its read models (order facts, cart facts, consent and privacy
// state), so its analytics can run set-based on its own database instead of paging through the
// gateway; a withdrawal or an objection also cancels the customer's queued messages, in the same
// transaction that applies it.
// Each payload is read with this domain's own (tolerant) schema: it never imports another domain's code.
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { BackgroundJobs } from '../../../../shared/run.js';
import type { Logger } from '../../../../shared/logger.js';
import { backgroundConsumers, type DomainEvent, type EventTransport } from '../../../../shared/events/index.js';
import type { CampaignsDatabase } from '../db/database.js';
import { cancelQueuedMessages } from '../db/cart-reminder.repository.js';
import {
  insertOrderFact,
  isBeingErased,
  lockCustomerMessages,
  orderFactExists,
  updateOrderFactStatus,
  insertCartActivity,
  upsertCartFact,
  upsertConsentState,
  upsertPrivacyState,
} from '../db/read-model.repository.js';
import { jobChangedPayload } from '../../../../shared/jobs/events.js';
import { applyJobChanged } from '../job-registry.js';

const line = z.object({ lineNo: z.number().int(), sku: z.string(), quantity: z.number().int(), unitPrice: z.number() });
const orderRecorded = z.object({
  orderId: z.string(),
  customerId: z.string(),
  status: z.string(),
  channel: z.string(),
  currency: z.string(),
  placedAt: z.coerce.date(),
  total: z.number(),
  lines: z.array(line),
});
const orderStatusChanged = z.object({
  orderId: z.string(),
  toStatus: z.string(),
  version: z.number().int(),
});
const cartUpdated = z.object({
  cartId: z.string(),
  customerId: z.string(),
  lastActivityAt: z.coerce.date(),
  value: z.number(),
  lines: z.array(line),
});
const consentChanged = z.object({
  customerId: z.string(),
  purpose: z.string(),
  channel: z.string(),
  status: z.string(),
  capturedAt: z.coerce.date(),
  seq: z.number().int(),
});
const privacyPreferenceChanged = z.object({
  customerId: z.string(),
  kind: z.string(),
  active: z.boolean(),
  seq: z.number().int(),
});

/** The consent purpose campaigns' messages are sent under: withdrawing it cancels queued messages on its channel. */
const MARKETING_PURPOSE = 'MARKETING';
const OBJECTION = 'OBJECT_TO_DIRECT_MARKETING';

type Trx = Transaction<CampaignsDatabase>;

/**
 * Applies one orders event (OrderRecorded, OrderStatusChanged, CartUpdated) to the order and cart facts.
 * A status change applies only over a lower status version, so redeliveries and overtaken changes do
 * nothing. One that arrives before its order's OrderRecorded (only possible out of log order) fails and
 * is retried by the consumer, rather than being dropped.
 */
export async function applyOrdersEvent(trx: Trx, event: DomainEvent): Promise<void> {
  if (event.type === 'OrderRecorded') {
    const order = orderRecorded.parse(event.payload);
    if (await isBeingErased(trx, order.customerId)) return;
    await insertOrderFact(
      trx,
      {
        order_id: order.orderId,
        customer_id: order.customerId,
        status: order.status,
        channel: order.channel,
        currency: order.currency,
        placed_at: order.placedAt,
        total: order.total,
        event_id: event.id,
      },
      order.lines.map((l) => ({
        order_id: order.orderId,
        line_no: l.lineNo,
        sku: l.sku,
        quantity: l.quantity,
        unit_price: l.unitPrice,
      })),
    );
  } else if (event.type === 'OrderStatusChanged') {
    const change = orderStatusChanged.parse(event.payload);
    const updated = await updateOrderFactStatus(trx, {
      orderId: change.orderId,
      status: change.toStatus,
      version: change.version,
    });
    if (!updated && !(await orderFactExists(trx, change.orderId)))
      throw new Error(`OrderStatusChanged for order ${change.orderId} arrived before its OrderRecorded`);
  } else if (event.type === 'CartUpdated') {
    const cart = cartUpdated.parse(event.payload);
    if (await isBeingErased(trx, cart.customerId)) return;
    await upsertCartFact(trx, {
      customer_id: cart.customerId,
      cart_id: cart.cartId,
      last_activity_at: cart.lastActivityAt,
      value: cart.value,
      lines: cart.lines.map(({ sku, quantity, unitPrice }) => ({ sku, quantity, unitPrice })),
      event_id: event.id,
      source_position: event.position,
    });
    await insertCartActivity(trx, {
      event_id: event.id,
      customer_id: cart.customerId,
      cart_id: cart.cartId,
      activity_at: cart.lastActivityAt,
      line_count: cart.lines.length,
    });
  }
}

/**
 * Applies one customers event: ConsentChanged to the consent state, PrivacyPreferenceChanged to the
 * privacy state (the record the owner received last wins, whatever the arrival order). A MARKETING
 * opt-out cancels the customer's queued messages on its channel, an active objection on every channel.
 * They are cancelled even when the event arrives after a later opt-in (out-of-order delivery): a
 * message queued before the withdrawal must not go out, and erring towards not sending is the safe side.
 */
export async function applyConsentEvent(trx: Trx, event: DomainEvent): Promise<void> {
  if (event.type === 'PrivacyPreferenceChanged') return applyPrivacyPreference(trx, event);
  const consent = consentChanged.parse(event.payload);
  if (await isBeingErased(trx, consent.customerId)) return;
  const withdrawn = consent.purpose === MARKETING_PURPOSE && consent.status === 'OPT_OUT';
  if (withdrawn) await lockCustomerMessages(trx, consent.customerId);
  await upsertConsentState(trx, {
    customer_id: consent.customerId,
    purpose: consent.purpose,
    channel: consent.channel,
    status: consent.status,
    captured_at: consent.capturedAt,
    seq: consent.seq,
    event_id: event.id,
  });
  if (withdrawn)
    await cancelQueuedMessages(trx, {
      customerId: consent.customerId,
      channel: consent.channel,
      reason: 'CONSENT_WITHDRAWN',
      at: new Date(),
      eventId: event.id,
    });
}

async function applyPrivacyPreference(trx: Trx, event: DomainEvent): Promise<void> {
  const preference = privacyPreferenceChanged.parse(event.payload);
  if (await isBeingErased(trx, preference.customerId)) return;
  const objected = preference.kind === OBJECTION && preference.active;
  if (objected) await lockCustomerMessages(trx, preference.customerId);
  await upsertPrivacyState(trx, {
    customer_id: preference.customerId,
    kind: preference.kind,
    active: preference.active,
    seq: preference.seq,
    event_id: event.id,
  });
  if (objected)
    await cancelQueuedMessages(trx, {
      customerId: preference.customerId,
      channel: null,
      reason: 'OBJECTED_TO_DIRECT_MARKETING',
      at: new Date(),
      eventId: event.id,
    });
}

/** Applies another domain's JobChanged to the job registry (older versions of a job are ignored). */
export async function applyJobChangedEvent(trx: Trx, event: DomainEvent): Promise<void> {
  await applyJobChanged(trx, jobChangedPayload.parse(event.payload));
}

/** The consumers that keep campaigns' read models, as durable names (they key processed_events and NATS consumers). */
export const READ_MODEL_CONSUMERS = [
  {
    name: 'campaigns-order-facts',
    producer: 'orders',
    types: ['OrderRecorded', 'OrderStatusChanged', 'CartUpdated'],
    handle: applyOrdersEvent,
  },
  {
    name: 'campaigns-consent-state',
    producer: 'customers',
    types: ['ConsentChanged', 'PrivacyPreferenceChanged'],
    handle: applyConsentEvent,
  },
  { name: 'campaigns-job-registry', producer: 'orders', types: ['JobChanged'], handle: applyJobChangedEvent },
] as const;

/** Runs the read-model consumers while the service runs (a new database backfills from each producer's log first). */
export function readModelConsumers(deps: {
  db: Kysely<CampaignsDatabase>;
  events: EventTransport;
  logger?: Logger;
}): BackgroundJobs {
  return backgroundConsumers(deps, READ_MODEL_CONSUMERS);
}
