// Composes supergraph.graphql from the subgraphs' schema.graphql files.
//   npm run compose          writes the file
//   npm run compose:check    fails when the committed file is stale or composition fails
import fs from 'node:fs';
import path from 'node:path';
import { composeSupergraph, ROOT, SUPERGRAPH_PATH } from '../gateway/src/compose.js';

const check = process.argv.includes('--check');
const result = composeSupergraph();
if (!result.ok) {
  console.error(`Composition failed with ${result.errors.length} error(s):`);
  for (const error of result.errors) console.error(`  - ${error}`);
  process.exit(1);
}
const relative = path.relative(ROOT, SUPERGRAPH_PATH);
if (check) {
  const committed = fs.existsSync(SUPERGRAPH_PATH) ? fs.readFileSync(SUPERGRAPH_PATH, 'utf8') : '';
  if (committed !== result.supergraphSdl) {
    console.error(`${relative} is stale: run \`npm run compose\` and commit the result.`);
    process.exit(1);
  }
  console.log(`${relative} is up to date.`);
} else {
  fs.writeFileSync(SUPERGRAPH_PATH, result.supergraphSdl);
  console.log(`Wrote ${relative}.`);
}
