// Writes the gateway's trusted-document manifest: every GraphQL block of the README, the GraphiQL
// example and the operations the campaigns service sends. `--check` fails when the committed
// manifest is stale, so a new README query or service operation cannot ship unregistered.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../gateway/src/compose.js';
import { DEFAULT_TRUSTED_DOCUMENTS } from '../gateway/src/config.js';
import { EXAMPLE_QUERY } from '../gateway/src/example-query.js';
import { documentHash } from '../gateway/src/trusted-documents.js';
import { GRAPH_OPERATIONS } from '../subgraphs/campaigns/src/graph-operations.js';

/** The GraphQL blocks of a Markdown text, exactly as a reader copies them. */
export function graphqlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]);
}

/** The manifest's text for the current sources, with ids sorted so diffs stay readable. */
export function buildManifest(): string {
  const texts = [
    ...graphqlBlocks(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')),
    EXAMPLE_QUERY,
    ...GRAPH_OPERATIONS,
  ];
  const documents = Object.fromEntries(
    texts.map((text) => [documentHash(text), text] as const).sort(([a], [b]) => a.localeCompare(b)),
  );
  return `${JSON.stringify({ documents }, null, 2)}\n`;
}

const file = path.join(ROOT, DEFAULT_TRUSTED_DOCUMENTS);
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const manifest = buildManifest();
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (current !== manifest) {
      console.error(`${DEFAULT_TRUSTED_DOCUMENTS} is stale: run npm run documents and commit it.`);
      process.exit(1);
    }
    console.log(
      `${DEFAULT_TRUSTED_DOCUMENTS} is current (${Object.keys(JSON.parse(manifest).documents).length} documents).`,
    );
  } else {
    fs.writeFileSync(file, manifest);
    console.log(
      `Wrote ${DEFAULT_TRUSTED_DOCUMENTS} (${Object.keys(JSON.parse(manifest).documents).length} documents).`,
    );
  }
}
