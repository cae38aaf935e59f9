import type { ColumnType, Insertable, Selectable } from 'kysely';

export const IDENTITY_TYPES = ['EMAIL', 'PHONE', 'LOYALTY_ID', 'DEVICE_ID'] as const;
export type IdentityType = (typeof IDENTITY_TYPES)[number];

/** One way to recognise a customer; `value` is normalized, and a (type, value) pair belongs to one customer only. */
export interface CustomerIdentityTable {
  customer_id: string;
  type: IdentityType;
  value: string;
  added_at: ColumnType<Date, Date, never>;
}

export type CustomerIdentityRow = Selectable<CustomerIdentityTable>;
export type NewCustomerIdentityRow = Insertable<CustomerIdentityTable>;
