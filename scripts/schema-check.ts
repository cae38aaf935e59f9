// Compares the subgraph schemas, the supergraph and the event contracts with a git ref and fails on
// a breaking change that a recorded operation uses, or on any breaking event-contract change.
//   npm run schema:check                          against main (the base: SCHEMA_BASE_REF, else main)
//   npm run schema:check -- --base origin/main    against another ref
// Exit 0: nothing breaking is used (unused breaking changes are warnings); 1: failures; 2: bad usage.
import { ROOT } from '../gateway/src/compose.js';
import { formatReport, runSchemaCheck } from './schema-check/check.js';

/** The base ref: `--base <ref>`, else SCHEMA_BASE_REF, else main (then also found as origin/main). */
function baseRef(argv: string[]): { base: string; explicitBase: boolean } {
  const flag = argv.findIndex((arg) => arg === '--base' || arg.startsWith('--base='));
  if (flag >= 0) {
    const value = argv[flag].includes('=') ? argv[flag].slice('--base='.length) : argv[flag + 1];
    if (!value) throw new Error('--base needs a git ref, e.g. --base origin/main');
    return { base: value, explicitBase: true };
  }
  if (process.env.SCHEMA_BASE_REF) return { base: process.env.SCHEMA_BASE_REF, explicitBase: true };
  return { base: 'main', explicitBase: false };
}

try {
  const report = await runSchemaCheck({ root: ROOT, ...baseRef(process.argv.slice(2)) });
  console.log(formatReport(report));
  if (report.failures.length > 0) {
    console.error(
      `schema:check failed: ${report.failures.length} breaking change(s) in use. Deprecate first (@deprecated), ` +
        'move the operations listed, and remove later; for an event, publish a new version.',
    );
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`schema:check: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
