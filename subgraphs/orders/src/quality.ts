// The orders domain's data-quality checks (shared/quality.ts): on its own tables only.
import { sql } from 'kysely';
import { countCheck, duplicateCheck, type DomainQualityDefinition } from '../../../shared/quality.js';

export const ordersQuality: DomainQualityDefinition = {
  rows: { table: 'orders', changedAt: 'created_at' },
  checks: [
    countCheck(
      'order has lines',
      'COMPLETENESS',
      'Orders with at least one line: an order without lines has no products for analytics.',
      'orders',
      sql`not exists (select 1 from order_lines l where l.order_id = orders.id)`,
    ),
    countCheck(
      'total matches the lines',
      'VALIDITY',
      'Orders whose total equals the sum of quantity × unit price over their lines.',
      'orders',
      sql`total <> coalesce((select sum(l.quantity * l.unit_price) from order_lines l where l.order_id = orders.id), 0)`,
    ),
    countCheck(
      'placed before it was recorded',
      'VALIDITY',
      'Orders placed no later than they were recorded (a future placedAt is a clock or import error).',
      'orders',
      sql`placed_at > created_at + interval '5 minutes'`,
    ),
    duplicateCheck(
      'external id is unique',
      'Orders whose shop reference (externalId) no other order carries.',
      'orders',
      sql`external_id`,
    ),
    countCheck(
      'cart has lines',
      'COMPLETENESS',
      'Carts with at least one line (an empty cart cannot be abandoned).',
      'carts',
      sql`not exists (select 1 from cart_lines l where l.cart_id = carts.id)`,
    ),
  ],
};
