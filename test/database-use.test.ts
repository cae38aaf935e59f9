// The Postgres pass of CI leaves out the test files that open no database; this keeps the rule
// that decides it honest on the files it matters for.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../gateway/src/compose.js';
import { databaseIndependentTestFiles, usesDatabase } from './support/database-use.js';

const source = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

describe('which test files run on Postgres too', () => {
  it('keeps every file that opens a database, directly or through the services it starts', () => {
    for (const file of [
      'shared/request-scope.test.ts',
      'subgraphs/customers/test/customers.test.ts',
      'test/self-healing.e2e.test.ts',
      'test/mesh.e2e.test.ts',
      'test/observability.e2e.test.ts',
      'shared/tracing.test.ts',
    ]) {
      expect(usesDatabase(source(file)), file).toBe(true);
    }
  });

  it('runs pure suites, and the start test that always uses PGlite, only once', () => {
    const independent = databaseIndependentTestFiles(ROOT, ['shared', 'test']);
    expect(independent).toEqual(
      expect.arrayContaining([
        'shared/auth.test.ts',
        'shared/pagination.test.ts',
        'test/start.e2e.test.ts',
        'test/compose.test.ts',
        'test/database-use.test.ts',
      ]),
    );
    expect(independent).not.toContain('shared/request-scope.test.ts');
    expect(usesDatabase("import { postGraphQL } from './support/in-process-mesh.js';")).toBe(false);
  });
});
