// Writes docs/catalogue.md, the schema catalogue (gateway/src/catalogue.ts): every type and field with
// its domain, team, description, personal-data class, scopes, deprecation and the registered
// operations that use it, and each domain's events. `--check` fails when the committed file is stale.
import fs from 'node:fs';
import path from 'node:path';
import { buildCatalogue, readCatalogueInputs, renderCatalogueMarkdown } from '../gateway/src/catalogue.js';
import { ROOT } from '../gateway/src/compose.js';

const file = path.join('docs', 'catalogue.md');
const markdown = renderCatalogueMarkdown(buildCatalogue(readCatalogueInputs()));
if (process.argv.includes('--check')) {
  const committed = fs.existsSync(path.join(ROOT, file)) ? fs.readFileSync(path.join(ROOT, file), 'utf8') : '';
  if (committed !== markdown) {
    console.error(`${file} is stale: run npm run catalogue and commit it.`);
    process.exit(1);
  }
  console.log(`${file} is current.`);
} else {
  fs.writeFileSync(path.join(ROOT, file), markdown);
  console.log(`Wrote ${file}.`);
}
