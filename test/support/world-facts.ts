// Expected values computed straight from the demo world, to check what the mesh answers.
import type { DemoCustomer, DemoOrder, DemoProduct, DemoWorld } from '../../scripts/seed/world.js';

export const availableOf = (product: DemoProduct) =>
  product.stock.reduce((sum, level) => sum + level.onHand - level.reserved, 0);

export function productBySku(world: DemoWorld, sku: string): DemoProduct {
  return world.product(Number(sku.slice(4)) - 1);
}

export function ordersOf(world: DemoWorld, customerId: string): DemoOrder[] {
  const orders: DemoOrder[] = [];
  for (let k = 0; k < world.sizes.orders; k++) {
    const order = world.order(k);
    if (order.customerId === customerId) orders.push(order);
  }
  return orders.sort((a, b) => b.placedAt.getTime() - a.placedAt.getTime() || (a.id < b.id ? 1 : -1));
}

/** The latest consent record per purpose and channel (the world lists them in capture order). */
export function currentConsents(customer: DemoCustomer) {
  const latest = new Map<string, DemoCustomer['consents'][number]>();
  for (const record of [...customer.consents].sort((a, b) => a.capturedAt.getTime() - b.capturedAt.getTime())) {
    latest.set(`${record.purpose}/${record.channel}`, record);
  }
  return latest;
}

export const orderTotal = (order: DemoOrder) =>
  Math.round(order.lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0) * 100) / 100;
