// Writes the gateway's trusted-document manifest: every GraphQL block of the README, the GraphiQL
// example, the operations the campaigns service sends and the marketing console's (generated from
// clients/console/*.graphql into console/src/gql by GraphQL Code Generator, written here too).
// `--check` fails when the committed manifest or the console's generated code is stale, so a new
// README query, service operation or console operation cannot ship unregistered.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, SUPERGRAPH_PATH } from '../gateway/src/compose.js';
import { DEFAULT_TRUSTED_DOCUMENTS } from '../gateway/src/config.js';
import { EXAMPLE_QUERY } from '../gateway/src/example-query.js';
import { dataQualityOperation } from '../gateway/src/data-quality-page.js';
import { documentHash } from '../gateway/src/trusted-documents.js';
import { GRAPH_OPERATIONS } from '../subgraphs/campaigns/src/graph-operations.js';
import { ORDERS_GRAPH_OPERATIONS } from '../subgraphs/orders/src/graph-operations.js';

/** The GraphQL blocks of a Markdown text, exactly as a reader copies them. */
export function graphqlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]);
}

/** The console's typed operations as code generation writes them (path → content), not saved. */
export async function generateConsoleOperations(): Promise<Map<string, string>> {
  // Loaded here, not at the top: the README test imports graphqlBlocks and needs no code generator.
  const [{ generate }, { default: consoleCodegen }] = await Promise.all([
    import('@graphql-codegen/cli'),
    import('../console/codegen.js'),
  ]);
  const outputs = await generate({ ...consoleCodegen, silent: true, cwd: ROOT }, false);
  return new Map(
    (outputs as { filename: string; content: string }[]).map((output) => [
      path.resolve(ROOT, output.filename),
      output.content,
    ]),
  );
}

/** The console's operation texts, exactly as it sends their hashes (the client preset's persisted documents). */
export function consoleOperationTexts(generated: Map<string, string>): string[] {
  const file = [...generated.keys()].find((name) => name.endsWith('persisted-documents.json'));
  if (!file) throw new Error('code generation wrote no persisted-documents.json for the console');
  return Object.values(JSON.parse(generated.get(file)!) as Record<string, string>);
}

/** The manifest's text for the current sources, with ids sorted so diffs stay readable. */
export function buildManifest(consoleTexts: string[] = []): string {
  const texts = [
    ...graphqlBlocks(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')),
    EXAMPLE_QUERY,
    // What the gateway's catalogue page asks for (derived from the supergraph, like the page does).
    dataQualityOperation(fs.readFileSync(SUPERGRAPH_PATH, 'utf8')),
    ...GRAPH_OPERATIONS,
    ...ORDERS_GRAPH_OPERATIONS,
    ...consoleTexts,
  ];
  const documents = Object.fromEntries(
    texts.map((text) => [documentHash(text), text] as const).sort(([a], [b]) => a.localeCompare(b)),
  );
  return `${JSON.stringify({ documents }, null, 2)}\n`;
}

const file = path.join(ROOT, DEFAULT_TRUSTED_DOCUMENTS);
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const generated = await generateConsoleOperations();
  const manifest = buildManifest(consoleOperationTexts(generated));
  if (process.argv.includes('--check')) {
    const staleCode = [...generated].filter(
      ([name, content]) => !fs.existsSync(name) || fs.readFileSync(name, 'utf8') !== content,
    );
    for (const [name] of staleCode)
      console.error(`${path.relative(ROOT, name)} is stale: run npm run documents and commit it.`);
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (current !== manifest)
      console.error(`${DEFAULT_TRUSTED_DOCUMENTS} is stale: run npm run documents and commit it.`);
    if (staleCode.length > 0 || current !== manifest) process.exit(1);
    console.log(
      `${DEFAULT_TRUSTED_DOCUMENTS} is current (${Object.keys(JSON.parse(manifest).documents).length} documents).`,
    );
  } else {
    for (const [name, content] of generated) {
      fs.mkdirSync(path.dirname(name), { recursive: true });
      fs.writeFileSync(name, content);
    }
    fs.writeFileSync(file, manifest);
    console.log(
      `Wrote ${DEFAULT_TRUSTED_DOCUMENTS} (${Object.keys(JSON.parse(manifest).documents).length} documents).`,
    );
  }
}
