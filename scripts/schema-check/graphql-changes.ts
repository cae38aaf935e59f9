// Classifies the changes between two versions of a subgraph schema or of the supergraph with GraphQL
// Inspector. Both sides are built so that the diff is about the API: a subgraph from its own
// definitions without the `@link` schema extension (the federation directives it uses stay as
// directive usages, so a changed @key or @requiresScopes is still reported), the supergraph as the
// API schema clients query (no join__/link__ machinery).
import { type Change, ChangeType, CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildASTSchema, type DocumentNode, GraphQLSchema, Kind, parse } from 'graphql';
import { apiSchemaOf } from '../../gateway/src/limits/schema.js';
import type { SchemaChange, Severity } from './changes.js';

const SEVERITY: Record<CriticalityLevel, Severity> = {
  [CriticalityLevel.Breaking]: 'BREAKING',
  [CriticalityLevel.Dangerous]: 'DANGEROUS',
  [CriticalityLevel.NonBreaking]: 'SAFE',
};

/**
 * A subgraph's schema.graphql as a schema of its own types. Not @apollo/subgraph's
 * buildSubgraphSchema: that one builds with its own copy of graphql (CommonJS), which Inspector
 * refuses to compare under vitest ("from another realm"); and its _service/_entities would only
 * cancel out.
 */
export function subgraphSchemaOf(sdl: string): GraphQLSchema {
  const document = parse(sdl);
  const definitions = document.definitions.filter(
    (definition) => definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION,
  );
  // Federation directives (@key, @shareable, @requiresScopes) are used without definitions: skip SDL validation.
  return buildASTSchema({ ...document, definitions } as DocumentNode, { assumeValidSDL: true });
}

/** An empty schema: the other side of a diff when a subgraph is new, or was removed, since the base. */
const NOTHING = new GraphQLSchema({});

/** Breaking changes that break every use of the parent coordinate, not only of the coordinate itself. */
const BREAKS_THE_PARENT = new Set<string>([
  ChangeType.FieldArgumentAdded, // a new required argument: every selection of the field now fails
  ChangeType.InputFieldAdded, // a new required input field: every value of the input type now fails
  ChangeType.DirectiveArgumentAdded,
]);

function toSchemaChange(file: string, change: Change): SchemaChange {
  const severity = SEVERITY[change.criticality.level];
  // Inspector explains why a change is dangerous (a default changed, a value added); its reasons for
  // breaking ones are generic advice that the check's own hint replaces.
  const reason = severity === 'DANGEROUS' && change.criticality.reason ? ` (${change.criticality.reason})` : '';
  const coordinate = change.path;
  return {
    severity,
    file,
    coordinate,
    message: `${change.message}${reason}`,
    usedThrough:
      coordinate && BREAKS_THE_PARENT.has(change.type) ? coordinate.split('.').slice(0, -1).join('.') : undefined,
  };
}

/**
 * `@deprecated` shows up twice: as a deprecation (safe) and as a directive usage with its `reason`
 * argument; the second is noise next to the first.
 */
const isDeprecationUsage = (change: Change) =>
  change.type.startsWith('DIRECTIVE_USAGE_') && (change.path ?? '').includes('.@deprecated');

/** The classified changes from `base` to `current` (either may be null: added or removed since the base). */
export async function compareSchemas(
  file: string,
  base: GraphQLSchema | null,
  current: GraphQLSchema | null,
): Promise<SchemaChange[]> {
  const changes = await diff(base ?? NOTHING, current ?? NOTHING);
  return changes.filter((change) => !isDeprecationUsage(change)).map((change) => toSchemaChange(file, change));
}

/** The supergraph's API schema, or null when there is no supergraph text. */
export function supergraphApiOf(sdl: string | undefined): GraphQLSchema | null {
  return sdl === undefined ? null : apiSchemaOf(sdl);
}
