import { describe, expect, it } from 'vitest';
import { createWorld } from './world.js';

const anchor = new Date('2026-11-01T00:00:00Z');
const sizes = { customers: 500, products: 100, orders: 4000, campaigns: 10, touchpoints: 3000 };

describe('demo world', () => {
  it('is deterministic for a seed and differs for another seed', () => {
    const a = createWorld(sizes, 1, anchor);
    const b = createWorld(sizes, 1, anchor);
    const c = createWorld(sizes, 2, anchor);
    expect(a.order(123)).toEqual(b.order(123));
    expect(a.customer(7)).toEqual(b.customer(7));
    expect(a.order(123)).not.toEqual(c.order(123));
  });

  it('has repeat buyers, one-time buyers and customers who never buy', () => {
    const world = createWorld(sizes, 1, anchor);
    const perCustomer = new Map<string, number>();
    for (let k = 0; k < sizes.orders; k++) {
      const { customerId } = world.order(k);
      perCustomer.set(customerId, (perCustomer.get(customerId) ?? 0) + 1);
    }
    const counts = [...perCustomer.values()];
    expect(counts.filter((n) => n >= 10).length).toBeGreaterThan(50);
    expect(counts.filter((n) => n === 1).length).toBeGreaterThan(10);
    expect(sizes.customers - perCustomer.size).toBeGreaterThan(20);
  });

  it('sells bundles together, leaves some products sold out, and promotes both kinds', () => {
    const world = createWorld(sizes, 1, anchor);
    let bundled = 0;
    for (let k = 0; k < sizes.orders; k++) {
      const skus = new Set(world.order(k).lines.map((line) => Number(line.sku.slice(4)) - 1));
      if ([...skus].some((p) => p % 5 === 0 && skus.has(p + 1))) bundled++;
    }
    expect(bundled / sizes.orders).toBeGreaterThan(0.3);
    const available = (p: number) => world.product(p).stock.reduce((sum, l) => sum + l.onHand - l.reserved, 0);
    const soldOut = Array.from({ length: sizes.products }, (_, p) => p).filter((p) => available(p) <= 0);
    expect(soldOut.length).toBeGreaterThan(3);
    const promoted = Array.from({ length: sizes.campaigns }, (_, c) => world.campaign(c).promotedSkus).flat();
    expect(promoted.some((sku) => available(Number(sku.slice(4)) - 1) <= 0)).toBe(true);
    expect(promoted.some((sku) => available(Number(sku.slice(4)) - 1) > 0)).toBe(true);
  });

  it('mixes consent states and places most touchpoints before an order of the same customer', () => {
    const world = createWorld(sizes, 1, anchor);
    const statuses = new Set<string>();
    for (let i = 0; i < 100; i++)
      for (const consent of world.customer(i).consents) statuses.add(`${consent.purpose}/${consent.status}`);
    expect(statuses).toEqual(
      new Set([
        'MARKETING/OPT_IN',
        'MARKETING/OPT_OUT',
        'ANALYTICS/OPT_IN',
        'ANALYTICS/OPT_OUT',
        'PERSONALIZATION/OPT_IN',
        'PERSONALIZATION/OPT_OUT',
      ]),
    );
    for (let t = 0; t < 200; t++) expect(world.touchpoint(t).occurredAt.getTime()).toBeLessThan(anchor.getTime());
  });
});
