// The events orders consumes: inventory's ProductChanged into the product_states read model, so
// cross-sell leaves discontinued products out where orders pages its rules (see docs/events.md).
// The payload is read with this domain's own tolerant schema: it never imports inventory's code.
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { backgroundConsumers, type DomainEvent, type EventTransport } from '../../../../shared/events/index.js';
import type { Logger } from '../../../../shared/logger.js';
import type { BackgroundJobs } from '../../../../shared/run.js';
import type { OrdersDatabase } from '../db/database.js';
import { upsertProductState } from '../db/product-state.repository.js';

// `discontinued` came into ProductChanged v1 later: an event written before it is a product on sale.
const productChanged = z.object({
  sku: z.string(),
  discontinued: z.boolean().optional().default(false),
  category: z.string().nullable().optional(),
});

/** Applies one ProductChanged to product_states. */
export async function applyProductChanged(trx: Transaction<OrdersDatabase>, event: DomainEvent): Promise<void> {
  const product = productChanged.parse(event.payload);
  await upsertProductState(trx, {
    sku: product.sku,
    discontinued: product.discontinued,
    category: product.category ?? null,
    position: event.position,
    event_id: event.id,
  });
}

/** The consumer that keeps product_states, run while the service runs. */
export function productStateConsumer(deps: {
  db: Kysely<OrdersDatabase>;
  events: EventTransport;
  logger?: Logger;
}): BackgroundJobs {
  return backgroundConsumers(deps, [
    {
      name: 'orders-product-states',
      producer: 'inventory',
      types: ['ProductChanged'],
      handle: (trx, event) => applyProductChanged(trx, event),
    },
  ]);
}
