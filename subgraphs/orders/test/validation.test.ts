import { describe, expect, it } from 'vitest';
import { toPurchaseStats } from '../src/db/order.repository.js';
import { rowToOrderLine } from '../src/db/order-line.repository.js';
import { normalizeCurrency, normalizeKey, normalizeLines, toCents, totalCents } from '../src/lines.js';
import { buildOrder } from '../src/orders.js';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as { extensions?: { code?: string } }).extensions?.code;
  }
  return undefined;
};

describe('toCents', () => {
  it('turns prices into whole cents despite binary floating point', () => {
    expect(toCents(19.99, 'p')).toBe(1999);
    expect(toCents(0.1, 'p')).toBe(10);
    expect(toCents(1.15, 'p')).toBe(115);
    expect(toCents(0, 'p')).toBe(0);
    expect(toCents(9_999_999_999.99, 'p')).toBe(999_999_999_999);
  });

  it('rejects negative, non-finite, too large and sub-cent amounts', () => {
    for (const amount of [-0.01, Number.NaN, Number.POSITIVE_INFINITY, 10_000_000_000, 1.005, 0.001]) {
      expect(codeOf(() => toCents(amount, 'unitPrice'))).toBe('BAD_USER_INPUT');
    }
  });
});

describe('normalizeLines', () => {
  it('trims skus, keeps the order and converts prices', () => {
    expect(
      normalizeLines(
        [
          { sku: ' B ', quantity: 2, unitPrice: 3.5 },
          { sku: 'A', quantity: 1, unitPrice: 0 },
        ],
        { allowEmpty: false },
      ),
    ).toEqual([
      { sku: 'B', quantity: 2, unitPriceCents: 350 },
      { sku: 'A', quantity: 1, unitPriceCents: 0 },
    ]);
  });

  it('allows an empty list only when asked (carts, not orders)', () => {
    expect(normalizeLines([], { allowEmpty: true })).toEqual([]);
    expect(() => normalizeLines([], { allowEmpty: false })).toThrow(/at least one line/);
  });

  it('rejects a repeated sku rather than merging it', () => {
    expect(() =>
      normalizeLines(
        [
          { sku: 'A', quantity: 1, unitPrice: 1 },
          { sku: 'A ', quantity: 1, unitPrice: 1 },
        ],
        { allowEmpty: false },
      ),
    ).toThrow(/A appears in more than one line/);
  });

  it('rejects fractional, zero and huge quantities', () => {
    for (const quantity of [0, -1, 1.5, 1_000_001]) {
      expect(codeOf(() => normalizeLines([{ sku: 'A', quantity, unitPrice: 1 }], { allowEmpty: false }))).toBe(
        'BAD_USER_INPUT',
      );
    }
  });
});

describe('totalCents', () => {
  it('adds quantity × unit price in cents and refuses totals numeric(12,2) cannot hold', () => {
    expect(
      totalCents([
        { sku: 'A', quantity: 3, unitPriceCents: 1999 },
        { sku: 'B', quantity: 1, unitPriceCents: 10 },
      ]),
    ).toBe(6007);
    expect(codeOf(() => totalCents([{ sku: 'A', quantity: 2, unitPriceCents: 999_999_999_999 }]))).toBe(
      'BAD_USER_INPUT',
    );
  });
});

describe('normalizeCurrency and normalizeKey', () => {
  it('defaults the currency to EUR and accepts only three uppercase letters', () => {
    expect(normalizeCurrency(undefined)).toBe('EUR');
    expect(normalizeCurrency(null)).toBe('EUR');
    expect(normalizeCurrency('USD')).toBe('USD');
    for (const currency of ['usd', 'US', 'USDT', 'U$D', ''])
      expect(codeOf(() => normalizeCurrency(currency))).toBe('BAD_USER_INPUT');
  });

  it('trims keys and rejects empty or overlong ones', () => {
    expect(normalizeKey('  SHOP-1 ', 'externalId')).toBe('SHOP-1');
    expect(() => normalizeKey('   ', 'externalId')).toThrow(/externalId must not be empty/);
    expect(codeOf(() => normalizeKey('x'.repeat(201), 'customerId'))).toBe('BAD_USER_INPUT');
  });
});

describe('buildOrder', () => {
  it('builds the order row with its total and numbered lines', () => {
    const now = new Date('2026-05-01T12:00:00Z');
    const built = buildOrder(
      { externalId: 'E', customerId: 'c', channel: 'STORE', lines: [{ sku: 'A', quantity: 3, unitPrice: 0.1 }] },
      now,
      'id-1',
    );
    expect(built).toEqual({
      order: {
        id: 'id-1',
        external_id: 'E',
        customer_id: 'c',
        status: 'PLACED',
        channel: 'STORE',
        currency: 'EUR',
        placed_at: now,
        total: 0.3,
        created_at: now,
      },
      lines: [{ order_id: 'id-1', line_no: 1, sku: 'A', quantity: 3, unit_price: 0.1 }],
    });
  });
});

describe('row mappers', () => {
  it('computes a line total to the cent', () => {
    expect(rowToOrderLine({ order_id: 'o', line_no: 1, sku: 'A', quantity: 3, unit_price: 0.1 }).lineTotal).toBe(0.3);
  });

  it('gives zeros and nulls to a customer without orders and rounds the average to the cent', () => {
    expect(toPurchaseStats(undefined)).toEqual({
      orderCount: 0,
      totalSpent: 0,
      averageOrderValue: 0,
      firstOrderAt: null,
      lastOrderAt: null,
    });
    const at = new Date('2026-01-01T00:00:00Z');
    expect(
      toPurchaseStats({
        customer_id: 'c',
        order_count: 4,
        revenue_order_count: 3,
        total_spent: 100,
        first_order_at: at,
        last_order_at: at,
      }),
    ).toEqual({
      orderCount: 4,
      totalSpent: 100,
      averageOrderValue: 33.33,
      firstOrderAt: at,
      lastOrderAt: at,
    });
    // Only refunded orders: counted, but no revenue.
    expect(
      toPurchaseStats({
        customer_id: 'c',
        order_count: 1,
        revenue_order_count: 0,
        total_spent: null,
        first_order_at: at,
        last_order_at: at,
      }).averageOrderValue,
    ).toBe(0);
  });
});
