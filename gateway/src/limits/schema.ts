import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { Kind, buildASTSchema, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { transformSupergraphToPublicSchema } from '@theguild/federation-composition';

/** The API schema clients see (no join__/link__ machinery), built from a supergraph SDL. */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return buildASTSchema(transformSupergraphToPublicSchema(parse(supergraphSdl)), { assumeValidSDL: true });
}

/**
 * An operation's depth exactly as the max-depth plugin counts it (fragments flattened,
 * `__schema` exempt): armor's own rule is run with no limit and its measurement read back.
 */
export function operationDepth(schema: GraphQLSchema, document: DocumentNode, operationName?: string): number {
  const depths: number[] = [];
  validate(schema, document, [
    maxDepthRule({
      n: Infinity,
      flattenFragments: true,
      ignoreIntrospection: true,
      onAccept: [(_context, { n }) => depths.push(n)],
    }),
  ]);
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (!operationName) return Math.max(0, ...depths);
  // The rule reports one depth per operation, in document order.
  const index = operations.findIndex((operation) => operation.name?.value === operationName);
  if (index < 0) throw new Error(`operation ${operationName} not found in the document`);
  return depths[index];
}
