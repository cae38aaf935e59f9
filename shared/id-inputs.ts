// The built-in ID scalar cannot be replaced per subgraph (graphql-js shares one instance), so every
// ID a request carries, inline or in a variable, is checked here before any resolver runs: a NUL
// byte or a 1 MB id would otherwise reach the database and come back as an internal error.
//
// The walk reads the schema by shape (Symbol.toStringTag, getFields) rather than with graphql-js's
// TypeInfo and isXType: @apollo/subgraph builds the schema with graphql's CommonJS build, and under
// an ESM loader (vitest) graphql's instanceof checks would refuse those types as "from another realm".
import {
  Kind,
  visit,
  type ArgumentNode,
  type ASTNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type ObjectFieldNode,
  type SelectionSetNode,
  type TypeNode,
  type ValueNode,
} from 'graphql';
import { BadUserInputError } from './errors.js';
import { unsafeTextReason } from './scalars.js';

/** The longest id any domain stores (ids are UUIDs or short keys such as cus-0000001 and SKU-00001). */
export const MAX_ID_LENGTH = 200;

/** The most keys one batched look-up (customersByIds, productsBySkus) takes, so it stays one statement of bounded size. */
export const MAX_KEYS_PER_LOOKUP = 1000;

/** The keys of a batched look-up, as given (the answer keeps their order); BAD_USER_INPUT naming `argumentName` beyond MAX_KEYS_PER_LOOKUP. */
export function boundedKeys(keys: readonly string[], argumentName: string): string[] {
  if (keys.length > MAX_KEYS_PER_LOOKUP)
    throw new BadUserInputError(`${argumentName} takes at most ${MAX_KEYS_PER_LOOKUP} keys (got ${keys.length})`, {
      argumentName,
    });
  return [...keys];
}

export interface UnsafeId {
  /** Where the value is: the variable or argument path, e.g. input.lines[0].sku. */
  path: string;
  reason: string;
}

/** A schema type reduced to what the walk needs. */
type TypeShape =
  | { wrapper: 'NonNull' | 'List'; ofType: TypeShape }
  | { named: string; fields?: Record<string, { type: unknown; args?: { name: string; type: unknown }[] }> };

function shapeOf(type: unknown): TypeShape {
  const tag = (type as { [Symbol.toStringTag]?: string })[Symbol.toStringTag];
  const ofType = (type as { ofType?: unknown }).ofType;
  if (tag === 'GraphQLNonNull') return { wrapper: 'NonNull', ofType: shapeOf(ofType) };
  if (tag === 'GraphQLList') return { wrapper: 'List', ofType: shapeOf(ofType) };
  const named = type as {
    name: string;
    getFields?: () => Record<string, { type: unknown; args?: { name: string; type: unknown }[] }>;
  };
  return { named: named.name, fields: typeof named.getFields === 'function' ? named.getFields() : undefined };
}

function shapeOfAst(schema: GraphQLSchema, node: TypeNode): TypeShape | undefined {
  if (node.kind === Kind.NON_NULL_TYPE) {
    const inner = shapeOfAst(schema, node.type);
    return inner && { wrapper: 'NonNull', ofType: inner };
  }
  if (node.kind === Kind.LIST_TYPE) {
    const inner = shapeOfAst(schema, node.type);
    return inner && { wrapper: 'List', ofType: inner };
  }
  const type = schema.getType(node.name.value);
  return type ? shapeOf(type) : undefined;
}

function idProblem(value: string): string | undefined {
  if (value.length === 0) return 'must not be empty';
  if (value.length > MAX_ID_LENGTH) return `must be at most ${MAX_ID_LENGTH} characters (got ${value.length})`;
  return unsafeTextReason(value);
}

/** Checks a variable's value against its type. */
function checkValue(type: TypeShape, value: unknown, path: string): UnsafeId | undefined {
  if (value === null || value === undefined) return undefined;
  if ('wrapper' in type) {
    if (type.wrapper === 'NonNull') return checkValue(type.ofType, value, path);
    const items = Array.isArray(value) ? value : [value];
    for (const [index, item] of items.entries()) {
      const found = checkValue(type.ofType, item, `${path}[${index}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (type.named === 'ID') {
    const reason = typeof value === 'string' ? idProblem(value) : undefined;
    return reason ? { path, reason } : undefined;
  }
  if (!type.fields || typeof value !== 'object') return undefined;
  for (const [field, definition] of Object.entries(type.fields)) {
    const found = checkValue(shapeOf(definition.type), (value as Record<string, unknown>)[field], `${path}.${field}`);
    if (found) return found;
  }
  return undefined;
}

/** Checks an inline argument value against its type (variables inside it are checked with the variables). */
function checkLiteral(type: TypeShape, node: ValueNode, path: string): UnsafeId | undefined {
  if ('wrapper' in type) {
    if (type.wrapper === 'NonNull') return checkLiteral(type.ofType, node, path);
    const items = node.kind === Kind.LIST ? node.values : [node];
    for (const [index, item] of items.entries()) {
      const found = checkLiteral(type.ofType, item, `${path}[${index}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (type.named === 'ID') {
    const reason = node.kind === Kind.STRING ? idProblem(node.value) : undefined;
    return reason ? { path, reason } : undefined;
  }
  if (!type.fields || node.kind !== Kind.OBJECT) return undefined;
  for (const field of node.fields) {
    const definition = type.fields[field.name.value];
    const found = definition
      ? checkLiteral(shapeOf(definition.type), field.value, `${path}.${field.name.value}`)
      : undefined;
    if (found) return found;
  }
  return undefined;
}

function namedFields(type: TypeShape): Extract<TypeShape, { named: string }>['fields'] {
  return 'wrapper' in type ? namedFields(type.ofType) : type.fields;
}

/** The first ID value of an operation (inline or in a variable) that is empty, too long or holds unsafe characters. */
export function findUnsafeId(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> = {},
): UnsafeId | undefined {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const visited = new Set<string>();

  const walk = (selectionSet: SelectionSetNode, parent: TypeShape | undefined): UnsafeId | undefined => {
    for (const selection of selectionSet.selections) {
      let found: UnsafeId | undefined;
      if (selection.kind === Kind.FIELD) {
        const field = parent && namedFields(parent)?.[selection.name.value];
        for (const argument of selection.arguments ?? []) {
          const definition = field?.args?.find((candidate) => candidate.name === argument.name.value);
          found ??= definition
            ? checkLiteral(shapeOf(definition.type), argument.value, argument.name.value)
            : undefined;
        }
        if (!found && selection.selectionSet)
          found = walk(selection.selectionSet, field ? shapeOf(field.type) : undefined);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition && schema.getType(selection.typeCondition.name.value);
        found = walk(selection.selectionSet, condition ? shapeOf(condition) : parent);
      } else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        const condition = fragment && schema.getType(fragment.typeCondition.name.value);
        found = fragment ? walk(fragment.selectionSet, condition ? shapeOf(condition) : undefined) : undefined;
      }
      if (found) return found;
    }
    return undefined;
  };

  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      const type = shapeOfAst(schema, variable.type);
      const found = type && checkValue(type, variables[variable.variable.name.value], variable.variable.name.value);
      if (found) return found;
    }
    const root =
      definition.operation === 'query'
        ? schema.getQueryType()
        : definition.operation === 'mutation'
          ? schema.getMutationType()
          : schema.getSubscriptionType();
    const found = walk(definition.selectionSet, root ? shapeOf(root) : undefined);
    if (found) return found;
  }
  return undefined;
}

/** The argument path (e.g. input.capturedAt) of the value node at `target`'s position in the document, if it is an argument value. */
export function inputPathAt(document: DocumentNode, target: ASTNode): string | undefined {
  const path: string[] = [];
  let found: string | undefined;
  const enter = (node: ArgumentNode | ObjectFieldNode) => {
    path.push(node.name.value);
    if (!found && node.value.loc && target.loc && node.value.loc.start === target.loc.start) found = path.join('.');
  };
  const leave = () => void path.pop();
  visit(document, { Argument: { enter, leave }, ObjectField: { enter, leave } });
  return found;
}
