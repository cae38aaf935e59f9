import type { Kysely } from 'kysely';
import type { InventoryDatabase } from '../../subgraphs/inventory/src/db/database.js';
import { appendEvents } from '../../shared/events/index.js';
import { productChanged, stockChanged } from '../../subgraphs/inventory/src/events/published.js';
import { batches, DEMO_LOCATIONS, type DemoProduct, type DemoWorld } from './world.js';

/** Writes the world's catalogue and stock into the inventory database only. */
export async function seedInventory(
  db: Kysely<InventoryDatabase>,
  world: DemoWorld,
  progress?: (done: number, total: number) => void,
): Promise<void> {
  const total = world.sizes.products;
  // Stock refers to explicit locations, so they come first.
  await db
    .insertInto('locations')
    .values(DEMO_LOCATIONS.map(({ code, name }) => ({ code, name })))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  for (const [start, end] of batches(total, 2000)) {
    const products: DemoProduct[] = [];
    for (let p = start; p < end; p++) products.push(world.product(p));
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('products')
        .values(products.map(({ sku, name, category, price }) => ({ sku, name, category, price })))
        .execute();
      const stock = products.flatMap((product) =>
        product.stock.map((level) => ({
          sku: product.sku,
          location: level.location,
          on_hand: level.onHand,
          reserved: level.reserved,
        })),
      );
      if (stock.length > 0) await trx.insertInto('stock_levels').values(stock).execute();
      // Published with the rows, like the API's writes (see seedCustomers).
      await appendEvents(trx, [
        ...products.map(productChanged),
        ...products.flatMap((product) => {
          const levels = product.stock.map((level) => ({
            location: level.location,
            on_hand: level.onHand,
            reserved: level.reserved,
          }));
          return levels.map((level) =>
            stockChanged(levels, { sku: product.sku, location: level.location, change: 'SEEDED', delta: 0 }),
          );
        }),
      ]);
    });
    progress?.(end, total);
  }
}
