// Copies the files the compiled services read at run time next to their compiled code, so dist/
// has the same layout as the sources: a subgraph reads `new URL('../schema.graphql', import.meta.url)`
// and the gateway resolves supergraph.graphql, gateway/trusted-documents.json and the catalogue's
// inputs (subgraph.json, events/*.schema.json) from its ROOT,
// which is dist/ once compiled. Run by `npm run build` after tsc.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SUBGRAPH_NAMES } from '../shared/config.js';
import { DEFAULT_TRUSTED_DOCUMENTS } from '../gateway/src/config.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');

/** Every run-time asset, as a path relative to the project root (and to dist/). */
export const BUILD_ASSETS = [
  'supergraph.graphql',
  DEFAULT_TRUSTED_DOCUMENTS,
  ...SUBGRAPH_NAMES.map((name) => `subgraphs/${name}/schema.graphql`),
  // The gateway's /catalogue reads each domain's team and its event contracts.
  ...SUBGRAPH_NAMES.map((name) => `subgraphs/${name}/subgraph.json`),
  ...SUBGRAPH_NAMES.flatMap((name) =>
    fs
      .readdirSync(path.join(ROOT, 'subgraphs', name, 'events'))
      .filter((file) => file.endsWith('.schema.json'))
      .map((file) => `subgraphs/${name}/events/${file}`),
  ),
];

for (const asset of BUILD_ASSETS) {
  const target = path.join(DIST, asset);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(path.join(ROOT, asset), target);
}
console.log(`copied ${BUILD_ASSETS.length} run-time assets into ${path.relative(ROOT, DIST)}/`);
