import { Migrator, type Kysely, type Migration } from 'kysely';

/** Runs a domain's migrations to the latest version, with its bookkeeping kept in the domain's own schema. */
export async function migrateToLatest(db: Kysely<any>, migrations: Record<string, Migration>, schema: string): Promise<string[]> {
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
    throw new Error(`Migration of schema ${schema} failed${name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return (results ?? []).map((result) => result.migrationName);
}
