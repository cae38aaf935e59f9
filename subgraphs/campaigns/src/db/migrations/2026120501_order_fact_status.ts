import type { Kysely } from 'kysely';

// Orders change status after they are recorded (OrderStatusChanged): each order fact keeps the status
// version it was last set from, so a change is applied once and never over a later one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('order_facts')
    .addColumn('status_version', 'integer', (col) => col.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('order_facts').dropColumn('status_version').execute();
}
