import type { Generated, Insertable, Selectable } from 'kysely';

/** A place that holds stock (a warehouse, a store); stock levels refer to it by code. */
export interface LocationTable {
  code: string;
  name: string;
  created_at: Generated<Date>;
}

export type LocationRow = Selectable<LocationTable>;
export type NewLocationRow = Insertable<LocationTable>;
