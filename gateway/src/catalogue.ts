// The schema catalogue: every type and field of the supergraph with its owning domain and team,
// description, personal-data class, required scopes, deprecation and the registered operations that
// use it, and each domain's events. `npm run catalogue` writes it as docs/catalogue.md; the gateway
// serves the same content as one self-contained HTML page at /catalogue (scope schema:read).
import fs from 'node:fs';
import path from 'node:path';
import {
  buildASTSchema,
  type ConstDirectiveNode,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  isUnionType,
  Kind,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type http from 'node:http';
import { SUBGRAPH_NAMES } from '../../shared/config.js';
import { authenticate, type RateLimitDecision, type TokenVerifier } from './auth.js';
import { errorResponse } from './well-formed.js';
import { ROOT } from './compose.js';
import { apiSchemaOf } from './limits/schema.js';

/** What subgraphs/<domain>/subgraph.json says about a domain: its team and the entities it owns. */
export interface SubgraphMetadata {
  domain: string;
  team: string;
  description: string;
  /** Entity types this domain owns (resolves from its own rows); other subgraphs only extend them. */
  entities: string[];
  /** Owned entities whose key is all there is (nothing to read, so no loader): e.g. AuditTrail, a filter. */
  computedEntities?: string[];
}

/** Reads subgraphs/<name>/subgraph.json. */
export function readSubgraphMetadata(name: string, root = ROOT): SubgraphMetadata {
  return JSON.parse(fs.readFileSync(path.join(root, 'subgraphs', name, 'subgraph.json'), 'utf8')) as SubgraphMetadata;
}

/** One published event contract as the catalogue lists it. */
export interface CatalogueEvent {
  domain: string;
  /** The JSON Schema document written by `npm run events`. */
  schema: {
    title: string;
    description?: string;
    'x-key'?: string;
    properties: { payload: { properties?: Record<string, { description?: string; 'x-pii'?: string }> } };
  };
}

export interface CatalogueInputs {
  supergraphSdl: string;
  /** Registered operations: id → text (gateway/trusted-documents.json). */
  documents: Record<string, string>;
  subgraphs: SubgraphMetadata[];
  events: CatalogueEvent[];
}

/** A block of the catalogue, rendered the same way as Markdown and as HTML. */
export type CatalogueBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string; id?: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; columns: string[]; rows: string[][] };

/** Reads every input of the catalogue from the repository (or dist/, where the build copies them). */
export function readCatalogueInputs(
  root = ROOT,
  overrides: Partial<Pick<CatalogueInputs, 'supergraphSdl' | 'documents'>> = {},
): CatalogueInputs {
  const events: CatalogueEvent[] = [];
  for (const domain of SUBGRAPH_NAMES) {
    const folder = path.join(root, 'subgraphs', domain, 'events');
    if (!fs.existsSync(folder)) continue;
    for (const file of fs.readdirSync(folder).sort()) {
      if (file.endsWith('.schema.json'))
        events.push({ domain, schema: JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) });
    }
  }
  return {
    supergraphSdl: overrides.supergraphSdl ?? fs.readFileSync(path.join(root, 'supergraph.graphql'), 'utf8'),
    documents:
      overrides.documents ??
      (JSON.parse(fs.readFileSync(path.join(root, 'gateway', 'trusted-documents.json'), 'utf8')).documents as Record<
        string,
        string
      >),
    subgraphs: SUBGRAPH_NAMES.map((name) => readSubgraphMetadata(name, root)),
    events,
  };
}

const directive = (node: { directives?: readonly ConstDirectiveNode[] } | undefined | null, name: string) =>
  node?.directives?.filter((d) => d.name.value === name) ?? [];

const stringArgument = (node: ConstDirectiveNode, name: string): string | undefined => {
  const value = node.arguments?.find((a) => a.name.value === name)?.value;
  return value && (value.kind === Kind.ENUM || value.kind === Kind.STRING) ? value.value : undefined;
};

/** The required scopes of @requiresScopes as `a and b, or c`; `authenticated` for @authenticated. */
function accessOf(node: { directives?: readonly ConstDirectiveNode[] } | undefined | null): string {
  const scopes = directive(node, 'requiresScopes')[0]?.arguments?.find((a) => a.name.value === 'scopes')?.value;
  if (scopes && scopes.kind === Kind.LIST) {
    return scopes.values
      .map((all) => (all.kind === Kind.LIST ? all.values.map((s) => (s.kind === Kind.STRING ? s.value : '')) : []))
      .map((all) => all.join(' and '))
      .join(', or ');
  }
  return '';
}

/** The subgraphs a type or field is joined to (`@join__type(graph:)`, `@join__field(graph:)`). */
function graphsOf(node: { directives?: readonly ConstDirectiveNode[] } | undefined | null, name: string): string[] {
  // A subgraph that only declares a field @external (for @requires) does not resolve it.
  const resolving = directive(node, name).filter(
    (d) => !d.arguments?.some((a) => a.name.value === 'external' && a.value.kind === Kind.BOOLEAN && a.value.value),
  );
  return [
    ...new Set(
      resolving.map((d) => stringArgument(d, 'graph')?.toLowerCase()).filter((graph): graph is string => !!graph),
    ),
  ];
}

/** Field coordinate (`Type.field`) → names of the registered operations that select it. */
export function operationUsage(schema: GraphQLSchema, documents: Record<string, string>): Map<string, string[]> {
  const usage = new Map<string, Set<string>>();
  for (const [id, text] of Object.entries(documents)) {
    const document = parse(text);
    const names = document.definitions.flatMap((d) =>
      d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? `anonymous ${id.slice(0, 8)}`] : [],
    );
    // A fragment counts for every operation of its document (README blocks hold one operation each).
    const label = names.join(', ');
    const typeInfo = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field() {
          const parent = typeInfo.getParentType();
          const field = typeInfo.getFieldDef();
          if (!parent || !field || field.name.startsWith('__')) return;
          const coordinate = `${parent.name}.${field.name}`;
          const users = usage.get(coordinate) ?? new Set<string>();
          users.add(label);
          usage.set(coordinate, users);
        },
      }),
    );
  }
  return new Map([...usage].map(([coordinate, users]) => [coordinate, [...users].sort()]));
}

function kindOf(type: GraphQLNamedType): string {
  if (isObjectType(type)) return 'object';
  if (isInterfaceType(type)) return 'interface';
  if (isUnionType(type)) return 'union';
  if (isEnumType(type)) return 'enum';
  if (isInputObjectType(type)) return 'input';
  return 'scalar';
}

const oneLine = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** The catalogue's content as blocks, in a stable order (domains, types by name, events by domain). */
export function buildCatalogue(inputs: CatalogueInputs): CatalogueBlock[] {
  const supergraph = parse(inputs.supergraphSdl);
  const publicSchema = apiSchemaOf(inputs.supergraphSdl);
  const supergraphSchema = buildASTSchema(supergraph, { assumeValid: true });
  const usage = operationUsage(publicSchema, inputs.documents);
  const teamOf = new Map(inputs.subgraphs.map((s) => [s.domain, s.team]));
  const ownersOf = (typeName: string) =>
    inputs.subgraphs.filter((s) => s.entities.includes(typeName)).map((s) => s.domain);

  const blocks: CatalogueBlock[] = [
    { kind: 'heading', level: 1, text: 'mesh360 schema catalogue' },
    {
      kind: 'paragraph',
      text: 'Generated by `npm run catalogue` from supergraph.graphql, subgraphs/*/subgraph.json, subgraphs/*/events and gateway/trusted-documents.json; do not edit. Personal data: the @pii class of a field (README, "Personal data"). Access: the scopes a token needs beyond being valid (alternatives separated by "or"; empty: any valid token). Used by: the registered operations that select the field.',
    },
    { kind: 'heading', level: 2, text: 'Domains' },
    {
      kind: 'table',
      columns: ['domain', 'team', 'owns', 'description'],
      rows: inputs.subgraphs.map((s) => [s.domain, s.team, s.entities.join(', '), s.description]),
    },
    { kind: 'heading', level: 2, text: 'Types' },
  ];

  const types = Object.values(publicSchema.getTypeMap())
    .filter((type) => !type.name.startsWith('__') && !(isScalarType(type) && isSpecifiedScalarType(type)))
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const type of types) {
    const joined = supergraphSchema.getType(type.name);
    const domains = graphsOf(joined?.astNode, 'join__type');
    const declared = ownersOf(type.name);
    const owners = declared.length > 0 ? declared : domains.length === 1 ? domains : [];
    const ownership =
      owners.length > 0
        ? `owned by ${owners.map((owner) => `${owner} (${teamOf.get(owner) ?? 'no team'})`).join(' and ')}`
        : `shared by ${domains.join(', ') || 'every subgraph'}`;
    const extended = owners.length > 0 && domains.length > owners.length ? `; fields from ${domains.join(', ')}` : '';
    blocks.push(
      { kind: 'heading', level: 3, text: `${type.name}`, id: `type-${type.name}` },
      { kind: 'paragraph', text: `${kindOf(type)}, ${ownership}${extended}. ${oneLine(type.description)}`.trim() },
    );
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      const joinedFields =
        joined && (isObjectType(joined) || isInterfaceType(joined) || isInputObjectType(joined))
          ? joined.getFields()
          : {};
      const rows = Object.values(
        type.getFields() as Record<string, GraphQLField<unknown, unknown> | GraphQLInputField>,
      ).map((field) => {
        const joinedField = joinedFields[field.name] as GraphQLField<unknown, unknown> | undefined;
        const fieldGraphs = graphsOf(joinedField?.astNode, 'join__field');
        const pii = directive(field.astNode, 'pii')[0];
        const args =
          'args' in field && field.args.length > 0
            ? `(${field.args.map((a) => `${a.name}: ${a.type}`).join(', ')})`
            : '';
        return [
          `${field.name}${args}: ${field.type}`,
          (fieldGraphs.length > 0 ? fieldGraphs : domains).join(', '),
          oneLine(field.description),
          pii ? (stringArgument(pii, 'category') ?? '') : '',
          accessOf(joinedField?.astNode),
          field.deprecationReason ? `deprecated: ${oneLine(field.deprecationReason)}` : '',
          (usage.get(`${type.name}.${field.name}`) ?? []).join(', '),
        ];
      });
      blocks.push({
        kind: 'table',
        columns: ['field', 'domain', 'description', 'personal data', 'access', 'deprecated', 'used by'],
        rows,
      });
    } else if (isEnumType(type)) {
      blocks.push({
        kind: 'table',
        columns: ['value', 'description', 'deprecated'],
        rows: type
          .getValues()
          .map((value) => [
            value.name,
            oneLine(value.description),
            value.deprecationReason ? `deprecated: ${oneLine(value.deprecationReason)}` : '',
          ]),
      });
    } else if (isUnionType(type)) {
      blocks.push({ kind: 'paragraph', text: `One of: ${type.getTypes().join(', ')}.` });
    }
  }

  blocks.push({ kind: 'heading', level: 2, text: 'Events' });
  for (const domain of inputs.subgraphs.map((s) => s.domain)) {
    const events = inputs.events.filter((event) => event.domain === domain);
    if (events.length === 0) continue;
    blocks.push(
      { kind: 'heading', level: 3, text: `${domain} (${teamOf.get(domain)})`, id: `events-${domain}` },
      {
        kind: 'table',
        columns: ['event', 'key', 'description', 'personal data'],
        rows: events.map(({ schema }) => [
          schema.title,
          schema['x-key'] ?? '',
          oneLine(schema.description),
          Object.entries(schema.properties.payload.properties ?? {})
            .filter(([, property]) => property['x-pii'])
            .map(([name, property]) => `${name}: ${property['x-pii']}`)
            .join(', '),
        ]),
      },
    );
  }
  return blocks;
}

/** The catalogue as Markdown (docs/catalogue.md). */
export function renderCatalogueMarkdown(blocks: CatalogueBlock[]): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ') || ' ';
  const parts = blocks.map((block) => {
    if (block.kind === 'heading') return `${'#'.repeat(block.level)} ${block.text}`;
    if (block.kind === 'paragraph') return block.text;
    return [
      `| ${block.columns.join(' | ')} |`,
      `|${block.columns.map(() => '---').join('|')}|`,
      ...block.rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
    ].join('\n');
  });
  return `${parts.join('\n\n')}\n`;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The catalogue as one self-contained HTML page: inline styles, no scripts, no external assets. */
export function renderCatalogueHtml(blocks: CatalogueBlock[]): string {
  const body = blocks.map((block) => {
    if (block.kind === 'heading') {
      const id = block.id ? ` id="${escapeHtml(block.id)}"` : '';
      return `<h${block.level}${id}>${escapeHtml(block.text)}</h${block.level}>`;
    }
    if (block.kind === 'paragraph') return `<p>${escapeHtml(block.text)}</p>`;
    const head = block.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
    const rows = block.rows.map((row) => `<tr>${row.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`);
    return `<table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
  });
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>mesh360 schema catalogue</title>',
    '<style>body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#f3f3f3}h3{margin-top:2rem}</style>',
    '</head><body>',
    ...body,
    '</body></html>',
    '',
  ].join('\n');
}

/**
 * Serves the catalogue as HTML to tokens with schema:read: 401 without a valid token, 403 without
 * the scope. The schema part is built on the first request and kept (its inputs are fixed at start);
 * the data-quality section is read for every request.
 */
export function catalogueRoute(options: {
  verify: TokenVerifier;
  inputs: () => CatalogueInputs;
  /** The gateway's per-subject rate limit, charged like a GraphQL request. */
  rateLimit?: (subject: string) => Promise<RateLimitDecision>;
  /** The live data-quality section, read through the graph with the reader's Authorization header. */
  dataQuality?: (authorization: string) => Promise<CatalogueBlock[]>;
}) {
  let blocks: CatalogueBlock[] | undefined;
  const refusalFor = async (header: string | null): Promise<Response | undefined> => {
    const authenticated = await authenticate(header, options.verify);
    if ('refusal' in authenticated) return authenticated.refusal;
    const { viewer } = authenticated;
    const decision = await options.rateLimit?.(viewer.subject);
    if (decision && !decision.allowed) {
      return errorResponse(429, 'RATE_LIMITED', `Too many requests for ${viewer.subject}`, {
        'retry-after': String(decision.retryAfterSeconds),
      });
    }
    if (!viewer.scopes.includes('schema:read'))
      return errorResponse(403, 'FORBIDDEN', 'The catalogue needs the scope schema:read');
    return undefined;
  };
  return async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const refusal = await refusalFor(req.headers.authorization ?? null);
    if (refusal) {
      res.writeHead(refusal.status, Object.fromEntries(refusal.headers));
      res.end(await refusal.text());
      return;
    }
    blocks ??= buildCatalogue(options.inputs());
    const quality = options.dataQuality ? await options.dataQuality(req.headers.authorization ?? '') : [];
    const page = renderCatalogueHtml([...blocks, ...quality]);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : page);
  };
}
