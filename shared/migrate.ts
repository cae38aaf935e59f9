import { Migrator, type Kysely, type Migration } from 'kysely';
import type { AnyDatabase } from './db.js';

/** Runs a domain's migrations to the latest version, with its bookkeeping kept in the domain's own schema. */
export async function migrateToLatest(
  db: Kysely<AnyDatabase>,
  migrations: Record<string, Migration>,
  schema: string,
): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await migrateOnce(db, migrations, schema);
    } catch (err) {
      // Kysely's migrator looks for its tables across every schema of the database; another schema
      // dropped at that moment (one domain's test schema beside another's, on a shared server)
      // fails the look-up with 3F000 although this domain's schema is fine. Look again.
      if (attempt >= 3 || (err as { cause?: { code?: unknown } }).cause?.code !== '3F000') throw err;
    }
  }
}

async function migrateOnce(
  db: Kysely<AnyDatabase>,
  migrations: Record<string, Migration>,
  schema: string,
): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: schema,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    const name = failed ? ` (${failed.migrationName})` : '';
    // The cause travels along so a caller can tell "database went away" from "migration is wrong".
    throw new Error(
      `Migration of schema ${schema} failed${name}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return (results ?? []).map((result) => result.migrationName);
}
