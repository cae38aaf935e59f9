// Reading what a domain holds about a person for an export: plain rows of the domain's own tables.
import type { Kysely, Transaction } from 'kysely';

/** The rows of `table` whose `column` is one of `values` (none for no values), as stored. */
export async function rowsWhere<DB>(
  trx: Transaction<DB>,
  table: keyof DB & string,
  column: string,
  values: readonly string[],
): Promise<Record<string, unknown>[]> {
  if (values.length === 0) return [];
  // Table and column come from the domain's own code, never from input.
  return (trx as unknown as Kysely<Record<string, Record<string, unknown>>>)
    .selectFrom(table)
    .selectAll()
    .where(column, 'in', values)
    .execute();
}
