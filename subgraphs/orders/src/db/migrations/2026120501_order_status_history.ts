import { sql, type Kysely } from 'kysely';

// Orders change status after they are recorded (cancel, return, refund, fulfilment): a RETURNED
// status, a per-order status version (the order of its changes, carried by OrderStatusChanged so
// consumers apply them in order), and the history of every change with who, when and why.
const timestamp = sql`timestamptz(3)`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('orders').dropConstraint('orders_status_check').execute();
  await db.schema
    .alterTable('orders')
    .addCheckConstraint(
      'orders_status_check',
      sql`status in ('PLACED', 'PAID', 'SHIPPED', 'DELIVERED', 'RETURNED', 'CANCELLED', 'REFUNDED')`,
    )
    .execute();
  // 1 as recorded; each change adds one.
  await db.schema
    .alterTable('orders')
    .addColumn('status_version', 'integer', (col) => col.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createTable('order_status_changes')
    .addColumn('order_id', 'text', (col) => col.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('version', 'integer', (col) => col.notNull().check(sql`version >= 2`))
    .addColumn('from_status', 'text', (col) => col.notNull())
    .addColumn('to_status', 'text', (col) => col.notNull())
    .addColumn('reason', 'text')
    .addColumn('changed_by', 'text', (col) => col.notNull())
    .addColumn('changed_at', timestamp, (col) => col.notNull())
    // One row per version: two concurrent changes of one order cannot both write version n.
    .addPrimaryKeyConstraint('order_status_changes_pk', ['order_id', 'version'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('order_status_changes').execute();
  await db.schema.alterTable('orders').dropColumn('status_version').execute();
  await db.schema.alterTable('orders').dropConstraint('orders_status_check').execute();
  await db.schema
    .alterTable('orders')
    .addCheckConstraint(
      'orders_status_check',
      sql`status in ('PLACED', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'REFUNDED')`,
    )
    .execute();
}
