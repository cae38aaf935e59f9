// The events the inventory domain publishes: its public contract (JSON Schema in ../../events/,
// documented in docs/events.md).
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { dataSubjectRequestProgressedContract } from '../../../../shared/privacy/requests.js';
import { appendEvent, defineEvent, type NewEvent } from '../../../../shared/events/index.js';
import { DEFAULT_CURRENCY, formatCents, toCents } from '../../../../shared/money.js';
import type { InventoryDatabase } from '../db/database.js';
import type { ProductRow } from '../db/product.table.js';
import { findStockBySkus } from '../db/stock.repository.js';

const producer = 'inventory';

export const STOCK_CHANGES = ['ADJUSTED', 'RESERVED', 'RELEASED', 'SEEDED'] as const;

export const StockChanged = defineEvent({
  producer,
  type: 'StockChanged',
  version: 1,
  key: 'the product sku',
  description:
    "A product's stock at one location changed. Carries the location's levels after the change and the product's availability over every location.",
  payload: z.strictObject({
    sku: z.string(),
    location: z.string(),
    change: z.enum(STOCK_CHANGES),
    delta: z
      .number()
      .int()
      .describe(
        'Units added to on hand (ADJUSTED), reserved (RESERVED) or returned (RELEASED, negative); 0 when SEEDED',
      ),
    reservationId: z.string().nullable(),
    onHand: z.number().int(),
    reserved: z.number().int(),
    available: z.number().int().describe('onHand − reserved at this location'),
    totalAvailable: z.number().int().describe('Available units over every location of the product'),
  }),
});

export const ProductChanged = defineEvent({
  producer,
  type: 'ProductChanged',
  version: 1,
  key: 'the product sku',
  description:
    'A catalogue entry was created, changed or discontinued (createProduct, updateProduct, discontinueProduct; the seeder). Carries the whole entry after the change.',
  payload: z.strictObject({
    sku: z.string(),
    name: z.string(),
    category: z.string(),
    price: z.number().describe('The price as a number; use amount for the exact value'),
    amount: z.string().optional().describe('The exact price: a decimal string with two decimals, e.g. "34.00"'),
    currency: z.string().optional().describe('ISO 4217 currency of the price'),
    discontinued: z
      .boolean()
      .optional()
      .describe(
        'Never promoted, recommended or reserved again once true. Absent in events written before it existed: read as false',
      ),
  }),
});

type StockChange = (typeof STOCK_CHANGES)[number];

/**
 * Appends StockChanged for `sku` at `location`, read back inside the writing transaction so the
 * levels are the ones this change committed.
 */
export async function publishStockChanged(
  trx: Transaction<InventoryDatabase>,
  change: { sku: string; location: string; change: StockChange; delta: number; reservationId?: string },
): Promise<void> {
  const levels = await findStockBySkus(trx, [change.sku]);
  await appendEvent(trx, stockChanged(levels, change));
}

/** The StockChanged event from the product's stock rows (all locations). */
export function stockChanged(
  levels: readonly { location: string; on_hand: number; reserved: number }[],
  change: { sku: string; location: string; change: StockChange; delta: number; reservationId?: string },
): NewEvent<z.input<typeof StockChanged.payload>> {
  const here = levels.find((level) => level.location === change.location);
  const onHand = here?.on_hand ?? 0;
  const reserved = here?.reserved ?? 0;
  return {
    type: StockChanged.type,
    version: StockChanged.version,
    key: change.sku,
    payload: {
      sku: change.sku,
      location: change.location,
      change: change.change,
      delta: change.delta,
      reservationId: change.reservationId ?? null,
      onHand,
      reserved,
      available: onHand - reserved,
      totalAvailable: levels.reduce((sum, level) => sum + level.on_hand - level.reserved, 0),
    },
  };
}

/** The event of a catalogue entry written (a new entry from the seeder has no currency or discontinued_at yet). */
export function productChanged(
  product: Pick<ProductRow, 'sku' | 'name' | 'category' | 'price'> &
    Partial<Pick<ProductRow, 'currency' | 'discontinued_at'>>,
): NewEvent<z.input<typeof ProductChanged.payload>> {
  return {
    type: ProductChanged.type,
    version: ProductChanged.version,
    key: product.sku,
    payload: {
      sku: product.sku,
      name: product.name,
      category: product.category,
      price: Number(product.price),
      amount: formatCents(toCents(product.price)),
      currency: product.currency ?? DEFAULT_CURRENCY,
      discontinued: (product.discontinued_at ?? null) !== null,
    },
  };
}

/** Every contract this domain publishes (for `npm run events`). */
export const contracts = [StockChanged, ProductChanged, dataSubjectRequestProgressedContract(producer)];
