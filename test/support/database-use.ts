// Which test files touch a database. CI runs the suite twice, on PGlite and on Postgres; a file
// that opens no database would only run (and be counted) a second time, so the Postgres pass
// leaves it out (vitest.config.ts).
import fs from 'node:fs';
import path from 'node:path';

/**
 * What a test file calls to open a database, directly or by starting services that do; a domain's
 * own harness that starts its subgraph for a file is named use<Domain>Subgraph (e.g. useInventorySubgraph),
 * and useInProcessMesh starts the whole mesh for a file.
 */
const OPENS_A_DATABASE =
  /\b(createTestDatabase|startSubgraphForTest|startInProcessMesh|startProcessMesh|startSubgraphProcess|createDatabase|use[A-Z]\w*Subgraph|useInProcessMesh|TEST_DATABASE_URL)\b/;

/** Whether a test file's source opens a database (and so belongs in the Postgres pass too). */
export function usesDatabase(source: string): boolean {
  return OPENS_A_DATABASE.test(source);
}

/** The `*.test.ts` files under `folders` (relative to `root`) that open no database. */
export function databaseIndependentTestFiles(root: string, folders: string[]): string[] {
  return folders
    .filter((folder) => fs.existsSync(path.join(root, folder)))
    .flatMap((folder) =>
      (fs.readdirSync(path.join(root, folder), { recursive: true }) as string[])
        .filter((file) => file.endsWith('.test.ts') && !file.split(path.sep).includes('node_modules'))
        .map((file) => path.join(folder, file)),
    )
    .filter((file) => !usesDatabase(fs.readFileSync(path.join(root, file), 'utf8')))
    .sort();
}
