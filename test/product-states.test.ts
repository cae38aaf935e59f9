// Orders keeps a read model of inventory's catalogue (product_states) from ProductChanged: a product
// discontinued in inventory leaves orders' cross-sell (frequentlyBoughtWith, recommendation
// candidates) through the no-broker log and orders' own consumer, and a product created before the
// consumer first starts is backfilled. Orders never reads inventory's database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventTransport } from '../shared/events/index.js';
import type { BackgroundJobs } from '../shared/run.js';
import { createTestDatabase, type TestDatabase } from '../shared/testing.js';
import { createProduct, discontinueProduct } from '../subgraphs/inventory/src/catalogue.js';
import type { InventoryDatabase } from '../subgraphs/inventory/src/db/database.js';
import { migrations as inventoryMigrations } from '../subgraphs/inventory/src/db/migrations/index.js';
import type { OrdersDatabase } from '../subgraphs/orders/src/db/database.js';
import { migrations as orderMigrations } from '../subgraphs/orders/src/db/migrations/index.js';
import { productStateConsumer } from '../subgraphs/orders/src/events/consumed.js';
import { caughtUp, serveEventLog, until } from './support/event-logs.js';

describe("orders' product_states read model", () => {
  let inventory: TestDatabase<InventoryDatabase>, orders: TestDatabase<OrdersDatabase>;
  let log: Awaited<ReturnType<typeof serveEventLog>>;
  let consumer: BackgroundJobs;
  beforeAll(async () => {
    [inventory, orders] = await Promise.all([
      createTestDatabase<InventoryDatabase>('inventory', inventoryMigrations),
      createTestDatabase<OrdersDatabase>('orders', orderMigrations),
    ]);
    log = await serveEventLog(inventory.db, 'inventory');
    await createProduct(inventory.db, { sku: 'EARLY-1', name: 'Early', category: 'c', price: { amount: '1.00' } });
    consumer = productStateConsumer({
      db: orders.db,
      events: createEventTransport({ producerUrls: { inventory: log.url } }),
    });
    consumer.start();
  });
  afterAll(async () => {
    await consumer?.stop();
    await log?.close();
    await Promise.all([inventory, orders].map((testDb) => testDb?.destroy()));
  });

  const states = () => orders.db.selectFrom('product_states').select(['sku', 'discontinued']).orderBy('sku').execute();

  it('backfills, then follows discontinueProduct, applying each event once', async () => {
    await until(() => caughtUp(orders.db, 'orders-product-states', 'inventory', inventory.db));
    expect(await states()).toEqual([{ sku: 'EARLY-1', discontinued: false }]);
    await createProduct(inventory.db, { sku: 'LATE-1', name: 'Late', category: 'c', price: { amount: '2.00' } });
    await discontinueProduct(inventory.db, 'EARLY-1');
    await until(() => caughtUp(orders.db, 'orders-product-states', 'inventory', inventory.db));
    expect(await states()).toEqual([
      { sku: 'EARLY-1', discontinued: true },
      { sku: 'LATE-1', discontinued: false },
    ]);
  });
});
