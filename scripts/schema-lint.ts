// Lints every subgraph's schema.graphql and every published event contract against the project's
// schema rules (README "Schema lint"): descriptions, entities resolved through a DataLoader by their
// owner, enums for closed sets, connection conventions, and personal data classified with @pii.
//   npm run schema:lint      prints every finding and exits 1 when there is one
import fs from 'node:fs';
import path from 'node:path';
import {
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type InputValueDefinitionNode,
  Kind,
  type ObjectTypeDefinitionNode,
  parse,
  type TypeNode,
} from 'graphql';
import { ROOT } from '../gateway/src/compose.js';
import { readSubgraphMetadata, type SubgraphMetadata } from '../gateway/src/catalogue.js';
import { SUBGRAPH_NAMES } from '../shared/config.js';
import { PII_CATEGORIES } from '../shared/pii.js';
import { DOMAINS } from '../subgraphs/registry.js';

const RESOLVERS: Record<string, object> = Object.fromEntries(
  SUBGRAPH_NAMES.map((name) => [name, DOMAINS[name].resolvers]),
);

/** One subgraph as the lint sees it: its SDL, its metadata and its resolvers map. */
export interface LintedSubgraph {
  name: string;
  sdl: string;
  metadata: SubgraphMetadata;
  resolvers: Record<string, Record<string, unknown>>;
}

/** One event contract's JSON Schema file. */
export interface LintedEventSchema {
  file: string;
  schema: { title?: string; properties: { payload: JsonSchema } };
}

interface JsonSchema {
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  type?: unknown;
  'x-pii'?: unknown;
  [key: string]: unknown;
}

/**
 * Names that look personal but are not, each with the reason. Keys are schema coordinates
 * (`Type.field`, `Type.field(arg:)`) or event properties (`EventType.property`).
 */
export const PERSONAL_NAME_ALLOW_LIST: Record<string, string> = {
  'Product.name': 'a product name, not a person',
  'Campaign.name': 'a campaign name, not a person',
  'CampaignVariant.name': 'the label of an A/B variant',
  'CampaignVariantInput.name': 'the label of an A/B variant',
  'CreateCampaignInput.name': 'a campaign name, not a person',
  'UpdateCampaignInput.name': 'a campaign name, not a person',
  'CampaignChanged.name': 'a campaign name, not a person',
  'ProductChanged.name': 'a product name, not a person',
  'CreateProductInput.name': 'a product name, not a person',
  'UpdateProductInput.name': 'a product name, not a person',
  'Location.name': 'the name of a warehouse or store, not a person',
  'CreateLocationInput.name': 'the name of a warehouse or store, not a person',
  'AuditRecord.operationName': 'the name of a GraphQL operation, not a person',
  'QualityCheck.name': 'the name of a data-quality check, not a person',
};

/** String fields whose names end like a closed set but are open by design, each with the reason. */
export const FREE_STRING_ALLOW_LIST: Record<string, string> = {};

/**
 * Words that make a field, argument or event property look personal. A name is split into words
 * (camelCase, snake_case), so `shippingCity` matches `city` but `shipping` does not match `ip`.
 */
const PERSONAL_WORDS = new Set([
  'email',
  'mail',
  'phone',
  'mobile',
  'name',
  'surname',
  'address',
  'street',
  'city',
  'postcode',
  'postal',
  'zip',
  'birth',
  'birthday',
  'dob',
  'gender',
  'ip',
  'device',
  'geo',
  'latitude',
  'longitude',
  'ssn',
  'passport',
  'iban',
]);

const CLOSED_SET_ENDINGS = new Set(['status', 'kind', 'type', 'channel']);
const FREE_STRING_TYPES = new Set(['String', 'ShortText', 'Text']);
const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);
const CONNECTION_CAP = /\bfirst is at most \d/;

/** The words of an identifier, lower-cased: `shippingCity` → shipping, city; `ip_address` → ip, address. */
export function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_\-.]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

/** Whether an identifier looks like it holds personal data. */
export function looksPersonal(name: string): boolean {
  return wordsOf(name).some((word) => PERSONAL_WORDS.has(word));
}

const directive = (node: { directives?: readonly ConstDirectiveNode[] }, name: string) =>
  node.directives?.find((d) => d.name.value === name);

const namedType = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type));

/** Whether a field's @requiresScopes names pii:read in any of its alternatives. */
function requiresPiiRead(field: FieldDefinitionNode): boolean {
  const scopes = directive(field, 'requiresScopes')?.arguments?.find((a) => a.name.value === 'scopes');
  return !!scopes && JSON.stringify(scopes.value).includes('"pii:read"');
}

function objectTypes(document: DocumentNode): ObjectTypeDefinitionNode[] {
  return document.definitions.filter(
    (d): d is ObjectTypeDefinitionNode =>
      d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION,
  ) as ObjectTypeDefinitionNode[];
}

/** Every finding over the subgraphs and the event contracts; empty when the schemas pass. */
export function lintSchemas(subgraphs: LintedSubgraph[], events: LintedEventSchema[]): string[] {
  const findings: string[] = [];
  const parsed = subgraphs.map((subgraph) => ({ ...subgraph, document: parse(subgraph.sdl) }));
  for (const subgraph of parsed) {
    const report = (message: string) => findings.push(`[${subgraph.name}] ${message}`);
    lintDescriptions(subgraph.document, report);
    lintClosedSets(subgraph.document, report);
    lintConnections(subgraph.document, report);
    lintPersonalData(subgraph.document, report);
  }
  lintEntities(parsed, (name, message) => findings.push(`[${name}] ${message}`));
  for (const event of events) {
    lintEventProperties(event.schema.title?.split(' ')[0] ?? event.file, event.schema.properties.payload, '', (m) =>
      findings.push(`[${event.file}] ${m}`),
    );
  }
  return findings;
}

function lintDescriptions(document: DocumentNode, report: (message: string) => void) {
  for (const definition of document.definitions) {
    if (!('name' in definition) || !definition.name || definition.kind === Kind.DIRECTIVE_DEFINITION) continue;
    const typeName = definition.name.value;
    if (!ROOT_TYPES.has(typeName) && !('description' in definition && definition.description))
      report(`type ${typeName} has no description`);
    const fields = 'fields' in definition ? (definition.fields ?? []) : [];
    for (const field of fields as readonly (FieldDefinitionNode | InputValueDefinitionNode)[]) {
      // An @external field is the owner's; its description lives in the owning subgraph.
      if (!field.description && !directive(field, 'external'))
        report(`field ${typeName}.${field.name.value} has no description`);
    }
  }
}

function lintClosedSets(document: DocumentNode, report: (message: string) => void) {
  const check = (coordinate: string, node: FieldDefinitionNode | InputValueDefinitionNode) => {
    if (!FREE_STRING_TYPES.has(namedType(node.type)) || FREE_STRING_ALLOW_LIST[coordinate]) return;
    const words = wordsOf(node.name.value);
    const closedByName = CLOSED_SET_ENDINGS.has(words[words.length - 1]);
    const closedByText = /\bone of\b/i.test(node.description?.value ?? '');
    if (closedByName || closedByText)
      report(`${coordinate} is a free ${namedType(node.type)} but looks like a closed set: use an enum`);
  };
  forEachFieldAndArgument(document, check);
}

function lintConnections(document: DocumentNode, report: (message: string) => void) {
  for (const type of objectTypes(document)) {
    for (const field of type.fields ?? []) {
      if (!namedType(field.type).endsWith('Connection')) continue;
      const coordinate = `${type.name.value}.${field.name.value}`;
      const first = field.arguments?.find((a) => a.name.value === 'first');
      const after = field.arguments?.find((a) => a.name.value === 'after');
      if (!first || namedType(first.type) !== 'Int') report(`${coordinate} returns a connection without first: Int`);
      if (!after || namedType(after.type) !== 'String')
        report(`${coordinate} returns a connection without an after: String cursor`);
      if (first && !CONNECTION_CAP.test(field.description?.value ?? ''))
        report(`${coordinate} does not document its cap ("first is at most N") in its description`);
    }
  }
}

function lintPersonalData(document: DocumentNode, report: (message: string) => void) {
  for (const type of objectTypes(document)) {
    for (const field of type.fields ?? []) {
      const coordinate = `${type.name.value}.${field.name.value}`;
      const tagged = !!directive(field, 'pii');
      if (requiresPiiRead(field) && !tagged) report(`${coordinate} requires pii:read but has no @pii`);
      if (tagged && !requiresPiiRead(field)) report(`${coordinate} has @pii but does not require pii:read`);
    }
  }
  forEachFieldAndArgument(document, (coordinate, node) => {
    if (looksPersonal(node.name.value) && !directive(node, 'pii') && !PERSONAL_NAME_ALLOW_LIST[coordinate])
      report(`${coordinate} looks personal but has no @pii (classify it, or allow-list it with a reason)`);
  });
  const categories = document.definitions.find(
    (d) => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'PiiCategory',
  );
  if (categories && 'values' in categories) {
    const values = (categories.values ?? []).map((v) => v.name.value).sort();
    if (JSON.stringify(values) !== JSON.stringify(Object.keys(PII_CATEGORIES).sort()))
      report(`enum PiiCategory differs from shared/pii.ts: ${values.join(', ')}`);
  }
}

/** Calls back for every object or input field and every field argument, with its coordinate. */
function forEachFieldAndArgument(
  document: DocumentNode,
  visit: (coordinate: string, node: FieldDefinitionNode | InputValueDefinitionNode) => void,
) {
  for (const definition of document.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.INPUT_OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION
    )
      continue;
    for (const field of definition.fields ?? []) {
      const coordinate = `${definition.name.value}.${field.name.value}`;
      if (directive(field, 'external')) continue;
      visit(coordinate, field);
      for (const argument of 'arguments' in field ? (field.arguments ?? []) : [])
        visit(`${coordinate}(${argument.name.value}:)`, argument);
    }
  }
}

function lintEntities(
  subgraphs: (LintedSubgraph & { document: DocumentNode })[],
  report: (subgraph: string, message: string) => void,
) {
  const definitions = new Map<string, { subgraph: LintedSubgraph; type: ObjectTypeDefinitionNode }[]>();
  for (const subgraph of subgraphs) {
    for (const type of objectTypes(subgraph.document)) {
      if (ROOT_TYPES.has(type.name.value)) continue;
      const list = definitions.get(type.name.value) ?? [];
      list.push({ subgraph, type });
      definitions.set(type.name.value, list);
    }
  }
  for (const [typeName, defined] of definitions) {
    const shared = defined.length > 1;
    const isEntity = (type: ObjectTypeDefinitionNode) => !!directive(type, 'key');
    const onlyExternal = (type: ObjectTypeDefinitionNode) => (type.fields ?? []).every((f) => directive(f, 'external'));
    const shareableValue = defined.every(({ type }) => directive(type, 'shareable') && !isEntity(type));
    // A value type may appear elsewhere as the shape of a @requires selection (only @external fields).
    const defining = defined.filter(({ type }) => !onlyExternal(type));
    if (shared && !shareableValue && defining.length > 1) {
      for (const { subgraph, type } of defining) {
        if (!isEntity(type))
          report(subgraph.name, `${typeName} is defined in several subgraphs but is not an entity (@key) here`);
      }
    }
    if (!defined.some(({ type }) => isEntity(type))) continue;
    const owners = subgraphs.filter((s) => s.metadata.entities.includes(typeName));
    if (owners.length === 0) report(defined[0].subgraph.name, `entity ${typeName} has no owner in any subgraph.json`);
    for (const { subgraph, type } of defined) {
      const key = directive(type, 'key');
      const resolvable = !key?.arguments?.some(
        (a) => a.name.value === 'resolvable' && a.value.kind === Kind.BOOLEAN && !a.value.value,
      );
      if (!key || !resolvable) continue;
      const resolveReference = subgraph.resolvers[typeName]?.__resolveReference;
      if (typeof resolveReference !== 'function') {
        report(subgraph.name, `${typeName} is a resolvable entity here but its resolvers have no __resolveReference`);
        continue;
      }
      const owns = subgraph.metadata.entities.includes(typeName);
      const readsData = resolveReference.length >= 2;
      if (owns && !readsData && subgraph.metadata.computedEntities?.includes(typeName)) continue;
      // The owner must read its rows; anyone reading in __resolveReference must batch through a loader.
      if ((owns || readsData) && !/\bloaders\.\w+\.load(Many)?\(/.test(resolveReference.toString()))
        report(subgraph.name, `${typeName}.__resolveReference does not go through a DataLoader (context.loaders)`);
    }
  }
}

function lintEventProperties(event: string, schema: JsonSchema, prefix: string, report: (message: string) => void) {
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const coordinate = `${event}.${prefix}${name}`;
    const category = property['x-pii'];
    if (category !== undefined && !(typeof category === 'string' && category in PII_CATEGORIES))
      report(
        `${coordinate} has x-pii ${JSON.stringify(category)}, not one of ${Object.keys(PII_CATEGORIES).join(', ')}`,
      );
    if (looksPersonal(name) && category === undefined && !PERSONAL_NAME_ALLOW_LIST[coordinate])
      report(`${coordinate} looks personal but has no x-pii (classify it with .meta(pii(...)), or allow-list it)`);
    lintEventProperties(event, property, `${prefix}${name}.`, report);
    if (property.items) lintEventProperties(event, property.items, `${prefix}${name}[].`, report);
  }
}

/** The four subgraphs and every committed event contract, read from the repository. */
export function readRepository(): { subgraphs: LintedSubgraph[]; events: LintedEventSchema[] } {
  const subgraphs: LintedSubgraph[] = [];
  const events: LintedEventSchema[] = [];
  for (const name of SUBGRAPH_NAMES) {
    const folder = path.join(ROOT, 'subgraphs', name);
    subgraphs.push({
      name,
      sdl: fs.readFileSync(path.join(folder, 'schema.graphql'), 'utf8'),
      metadata: readSubgraphMetadata(name),
      resolvers: RESOLVERS[name] as LintedSubgraph['resolvers'],
    });
    const eventsFolder = path.join(folder, 'events');
    for (const file of fs.existsSync(eventsFolder) ? fs.readdirSync(eventsFolder).sort() : []) {
      if (!file.endsWith('.schema.json')) continue;
      events.push({
        file: path.join('subgraphs', name, 'events', file),
        schema: JSON.parse(fs.readFileSync(path.join(eventsFolder, file), 'utf8')),
      });
    }
  }
  return { subgraphs, events };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const { subgraphs, events } = readRepository();
  const findings = lintSchemas(subgraphs, events);
  for (const finding of findings) console.error(`  - ${finding}`);
  if (findings.length > 0) {
    console.error(`Schema lint: ${findings.length} finding(s). See the README's "Schema lint" for the rules.`);
    process.exit(1);
  }
  console.log(`Schema lint: ${subgraphs.length} subgraphs and ${events.length} event contracts pass.`);
}
