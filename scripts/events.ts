// Writes every domain's event contracts as JSON Schema files, subgraphs/<domain>/events/<Type>.v<N>.schema.json
// (the public contract other teams read), and the payload catalogue of docs/events.md. `--check` fails when a committed file is stale, missing or
// left over, so a payload change cannot ship without its schema (CI runs it next to compose:check).
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../gateway/src/compose.js';
import { contractJsonSchema, type EventContract } from '../shared/events/index.js';
import { SUBGRAPH_NAMES } from '../shared/config.js';
import { DOMAINS } from '../subgraphs/registry.js';

/** Every published contract of the mesh. */
export const ALL_CONTRACTS: EventContract[] = SUBGRAPH_NAMES.flatMap((name) => DOMAINS[name].contracts);

/** The schema files the contracts produce: repository-relative path → text. */
export function buildSchemaFiles(): Map<string, string> {
  return new Map(
    ALL_CONTRACTS.map((contract) => [
      path.join('subgraphs', contract.producer, 'events', `${contract.type}.v${contract.version}.schema.json`),
      `${JSON.stringify(contractJsonSchema(contract), null, 2)}\n`,
    ]),
  );
}

const DOCS = path.join('docs', 'events.md');
const CATALOGUE = /<!-- events:catalogue:start -->[\s\S]*<!-- events:catalogue:end -->/;

/** One payload field's type as a reader wants it: `string`, `"A" | "B"`, `number | null`, `array of …`. */
/** The parts of a JSON Schema node the catalogue reads. */
interface SchemaNode {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: SchemaNode[];
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
  format?: string;
  description?: string;
}

function fieldType(schema: SchemaNode): string {
  if (schema.enum) return schema.enum.map((value: unknown) => `\`${String(value)}\``).join(' \\| ');
  if (schema.anyOf) return schema.anyOf.map(fieldType).join(' or ');
  if (schema.type === 'array')
    return `array of ${schema.items?.type === 'object' ? `{ ${Object.keys(schema.items.properties ?? {}).join(', ')} }` : fieldType(schema.items ?? {})}`;
  if (schema.format === 'date-time') return 'timestamp (ISO 8601)';
  return Array.isArray(schema.type) ? schema.type.join(' or ') : String(schema.type ?? 'any');
}

/** docs/events.md with its catalogue section regenerated from the contracts. */
export function buildDocs(): string {
  const sections = ALL_CONTRACTS.map((contract) => {
    const payload = contractJsonSchema(contract).properties as Record<string, SchemaNode>;
    const fields = Object.entries(payload.payload.properties ?? {}).map(
      ([name, schema]) => `| \`${name}\` | ${fieldType(schema)} | ${schema.description ?? ''} |`,
    );
    return [
      `### ${contract.type} v${contract.version} (${contract.producer})`,
      '',
      `${contract.description} Key: ${contract.key}.`,
      '',
      '| field | type | meaning |',
      '|---|---|---|',
      ...fields,
    ].join('\n');
  });
  const current = fs.readFileSync(path.join(ROOT, DOCS), 'utf8');
  return current.replace(
    CATALOGUE,
    `<!-- events:catalogue:start -->\n${sections.join('\n\n')}\n<!-- events:catalogue:end -->`,
  );
}

/** Schema files on disk that no contract produces any more. */
function leftovers(expected: Map<string, string>): string[] {
  const domains = new Set(ALL_CONTRACTS.map((contract) => contract.producer));
  return [...domains].flatMap((domain) => {
    const folder = path.join('subgraphs', domain, 'events');
    if (!fs.existsSync(path.join(ROOT, folder))) return [];
    return fs
      .readdirSync(path.join(ROOT, folder))
      .filter((name) => name.endsWith('.schema.json'))
      .map((name) => path.join(folder, name))
      .filter((file) => !expected.has(file));
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const files = buildSchemaFiles();
  if (process.argv.includes('--check')) {
    const stale = [...files]
      .filter(
        ([file, text]) =>
          !fs.existsSync(path.join(ROOT, file)) || fs.readFileSync(path.join(ROOT, file), 'utf8') !== text,
      )
      .map(([file]) => file);
    const extra = leftovers(files);
    if (buildDocs() !== fs.readFileSync(path.join(ROOT, DOCS), 'utf8')) stale.push(DOCS);
    if (stale.length > 0 || extra.length > 0) {
      for (const file of stale) console.error(`stale or missing: ${file}`);
      for (const file of extra) console.error(`no contract produces: ${file}`);
      console.error('Event schemas are out of date: run npm run events and commit them.');
      process.exit(1);
    }
    console.log(`Event schemas are current (${files.size} contracts).`);
  } else {
    for (const file of leftovers(files)) fs.rmSync(path.join(ROOT, file));
    for (const [file, text] of files) {
      fs.mkdirSync(path.dirname(path.join(ROOT, file)), { recursive: true });
      fs.writeFileSync(path.join(ROOT, file), text);
    }
    fs.writeFileSync(path.join(ROOT, DOCS), buildDocs());
    console.log(`Wrote ${files.size} event schemas and the catalogue of ${DOCS}.`);
  }
}
