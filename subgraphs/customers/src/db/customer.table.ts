import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';

export interface CustomerTable {
  id: string;
  first_name: string | null;
  last_name: string | null;
  /** A `date` column, always read as 'YYYY-MM-DD' text (see customerColumns): a JS Date would shift it by the time zone. */
  birth_date: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string | null;
  city: string | null;
  created_at: ColumnType<Date, Date, never>;
  updated_at: Date;
}

export type CustomerRow = Selectable<CustomerTable>;
export type NewCustomerRow = Insertable<CustomerTable>;
export type CustomerUpdate = Updateable<CustomerTable>;
