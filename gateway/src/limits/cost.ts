// The static cost of an operation: roughly how many objects the gateway would have to resolve
// across subgraphs, computed from the document alone so a too-expensive operation is refused at
// validation, before the planner runs or any subgraph is called.
import { createGraphQLError } from '@graphql-tools/utils';
import {
  Kind,
  type ASTVisitor,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLInterfaceType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import type { ErrorCode } from '../../../shared/errors.js';
import { MAX_PAGE_SIZE } from '../../../shared/pagination.js';

/** How many items a list field is assumed to return: a number, or the length of one of its list arguments. */
export type ListSize = number | { lengthOf: string };

export interface CostModel {
  /** Cost of a scalar or enum field (the value comes in the row its object was fetched with). */
  scalarCost: number;
  /** Items assumed for a list field that has no `first` and no entry in `assumedListSizes`. */
  defaultListSize: number;
  /** Items assumed for list fields without a `first`, by `Type.field`. */
  assumedListSizes: Readonly<Record<string, ListSize>>;
  /** The largest `first` a field accepts, by `Type.field`; any other `first` is capped at `maxPageSize`. */
  maxPageSizes: Readonly<Record<string, number>>;
  maxPageSize: number;
  /** Work a field does beyond the objects it returns (a whole-period computation), added to its cost, by `Type.field`. */
  fieldWork: Readonly<Record<string, number>>;
}

/**
 * Fields that compute over a whole period rather than fetch a few rows: attribution pages every
 * converting order of the window through the graph and credits the touchpoints in the campaigns
 * process; an experiment does the same for its exposures. Fourteen aliased reports now pass the
 * cost limit no more (the README's six-model comparison costs about 9,300). Before, fifteen
 * aliased attribution reports cost about fifteen and stalled the campaigns service for seconds.
 */
export const FIELD_WORK: Readonly<Record<string, number>> = {
  'Query.attribution': 1_500,
  'Campaign.experiment': 2_000,
  // A funnel reads the period's touchpoints, carts and orders in one statement over campaigns' own tables.
  'Campaign.funnel': 500,
  'Query.channelFunnel': 500,
  // A preview pages the rule's segments through the graph (at most 20 pages of 1000), as a build does.
  'Query.audiencePreview': 2_000,
  // Two counts and two samples over the members' primary key.
  'Campaign.audienceComparison': 100,
};

/**
 * Sizes of lists that take no `first`, from what the domains actually hold (an order has a handful
 * of lines, a rule a handful of skus). Too low lets an expensive query through, too high refuses
 * the README's; both are covered by the limits tests.
 */
export const ASSUMED_LIST_SIZES: Readonly<Record<string, ListSize>> = {
  'Order.lines': 5,
  'Cart.lines': 5,
  'Cart.availableLines': 5,
  'QueuedMessage.items': 5,
  'Customer.consents': 10,
  'Customer.identities': 5,
  'Customer.recommendationCandidateSkus': 20,
  // Up to 100 per customer (RECOMMENDATION_CANDIDATES); most demo customers get tens.
  'Customer.recommendationCandidates': 100,
  'RecommendationModel.categoryRepurchase': 10,
  'RecommendationEvaluation.strategies': 4,
  'Campaign.promotedSkus': 20,
  'Campaign.promotedProducts': 20,
  'Campaign.variants': 4,
  'ExperimentResult.variants': 4,
  'Campaign.audienceVersions': 10,
  'AudiencePreview.bySegment': 10,
  // Their sample argument is at most 100; priced at the cap.
  'AudienceComparison.addedSample': 100,
  'AudienceComparison.removedSample': 100,
  'Product.stock': 5,
  // Mined itemsets have at most maxItemsetSize (3) skus, split between the two sides.
  'AssociationRule.antecedent': 2,
  'AssociationRule.antecedentSkus': 2,
  'AssociationRule.consequent': 2,
  'AssociationRule.consequentSkus': 2,
  'RfmSegmentReport.segments': 10,
  'ChurnModel.bands': 3,
  'ChurnRisk.mainFactors': 3,
  'CustomerClusterReport.clusters': 10,
  'AttributionReport.byChannel': 10,
  'AttributionReport.byCampaign': 20,
  'Query.customersByIds': { lengthOf: 'ids' },
};

/** Fields whose `first` may exceed MAX_PAGE_SIZE: the analytics feeds other domains page through. */
export const MAX_PAGE_SIZES: Readonly<Record<string, number>> = {
  'Query.orders': 1000,
  'Query.customersInSegment': 1000,
  'Query.customersAtChurnRisk': 1000,
};

export const DEFAULT_COST_MODEL: CostModel = {
  scalarCost: 0,
  defaultListSize: 10,
  assumedListSizes: ASSUMED_LIST_SIZES,
  maxPageSizes: MAX_PAGE_SIZES,
  maxPageSize: MAX_PAGE_SIZE,
  fieldWork: FIELD_WORK,
};

export const COST_LIMIT_EXCEEDED = 'COST_LIMIT_EXCEEDED';

/** A `first` the schema would refuse: over the field's page size, negative or not an integer. */
export interface PageSizeViolation {
  coordinate: string;
  first: unknown;
  max: number;
  node: FieldNode;
}

interface Measurement {
  cost: number;
  violations: PageSizeViolation[];
}

type Fragments = Readonly<Record<string, FragmentDefinitionNode>>;

/**
 * The static cost of one operation of `document` (the named one, or the only one; with several and
 * no name, the most expensive) against the API schema, with `variables` as the request sent them.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> = {},
  operationName?: string,
  model: Partial<CostModel> = {},
): number {
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const chosen = operationName ? operations.filter((operation) => operation.name?.value === operationName) : operations;
  if (chosen.length === 0) throw new Error(`operation ${operationName ?? '(anonymous)'} not found in the document`);
  const fragments = fragmentsOf(document);
  return Math.max(
    ...chosen.map(
      (operation) =>
        measureOperation(schema, operation, fragments, variables, { ...DEFAULT_COST_MODEL, ...model }).cost,
    ),
  );
}

/**
 * Measures an operation: its cost, and every `first` over its cap. Leaf fields cost `scalarCost`;
 * meta fields (`__typename`, `__schema`, `__type`) cost nothing because the gateway answers them
 * from its own schema; any other field costs 1 plus its selection, and a list costs that per item.
 * Connection fields (a `first` and `nodes`/`edges`) pass `first` down as the size of those lists.
 */
export function measureOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Fragments,
  variables: Readonly<Record<string, unknown>>,
  model: CostModel = DEFAULT_COST_MODEL,
): Measurement {
  const variableValues = { ...variableDefaults(operation), ...variables };
  const violations: PageSizeViolation[] = [];
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return { cost: 0, violations };

  function selectionCost(
    selectionSet: SelectionSetNode,
    parentType: GraphQLNamedType,
    pageSize: number | undefined,
    fragmentPath: readonly string[],
  ): number {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (isSkipped(selection, variableValues)) continue;
      if (selection.kind === Kind.FIELD) {
        total += fieldCost(selection, parentType, pageSize, fragmentPath);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        // Type conditions are summed, not maxed: an over-estimate for unions, never an under-estimate.
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType;
        if (type) total += selectionCost(selection.selectionSet, type, pageSize, fragmentPath);
      } else {
        const name = selection.name.value;
        const fragment = fragments[name];
        // A fragment cycle is reported by NoFragmentCyclesRule; here it must only not loop forever.
        if (!fragment || fragmentPath.includes(name)) continue;
        const type = schema.getType(fragment.typeCondition.name.value);
        if (type) total += selectionCost(fragment.selectionSet, type, pageSize, [...fragmentPath, name]);
      }
    }
    return total;
  }

  function fieldCost(
    node: FieldNode,
    parentType: GraphQLNamedType,
    pageSize: number | undefined,
    fragmentPath: readonly string[],
  ): number {
    if (node.name.value.startsWith('__')) return 0;
    if (!hasFields(parentType)) return 0;
    const field = parentType.getFields()[node.name.value];
    // An unknown field is reported by FieldsOnCorrectTypeRule.
    if (!field) return 0;
    const coordinate = `${parentType.name}.${field.name}`;
    const work = model.fieldWork[coordinate] ?? 0;
    const { named, isList } = unwrap(field.type);
    const first = firstOf(field, node, coordinate);
    if (!node.selectionSet || !isComposite(named)) {
      return work + model.scalarCost * (isList ? listSize(field, node, coordinate, first, pageSize) : 1);
    }
    const fields = hasFields(named) ? named.getFields() : {};
    const isConnection = first !== undefined && ('nodes' in fields || 'edges' in fields);
    const children = selectionCost(node.selectionSet, named, isConnection ? first : undefined, fragmentPath);
    if (!isList) return work + 1 + children;
    return work + listSize(field, node, coordinate, first, pageSize) * (1 + children);
  }

  function listSize(
    field: GraphQLField<unknown, unknown>,
    node: FieldNode,
    coordinate: string,
    first: number | undefined,
    pageSize: number | undefined,
  ): number {
    if (first !== undefined) return first;
    // `nodes` and `edges` of a connection hold as many items as the connection's `first`.
    if (pageSize !== undefined && (field.name === 'nodes' || field.name === 'edges')) return pageSize;
    const assumed = model.assumedListSizes[coordinate];
    if (typeof assumed === 'number') return assumed;
    if (!assumed) return model.defaultListSize;
    const value = argumentValue(field, node, assumed.lengthOf, variableValues);
    // Input coercion turns a single value into a one-item list.
    if (value === null || value === undefined) return model.defaultListSize;
    return Array.isArray(value) ? value.length : 1;
  }

  /** The page size a field will use: its `first` (literal, variable or schema default), checked against the cap. */
  function firstOf(field: GraphQLField<unknown, unknown>, node: FieldNode, coordinate: string): number | undefined {
    const arg = field.args.find((candidate) => candidate.name === 'first');
    if (!arg) return undefined;
    const max = model.maxPageSizes[coordinate] ?? model.maxPageSize;
    const value = argumentValue(field, node, 'first', variableValues);
    // An explicit null gets the resolver's fallback, which is the schema default.
    if (value === null || value === undefined) return typeof arg.defaultValue === 'number' ? arg.defaultValue : max;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
      violations.push({ coordinate, first: value, max, node });
      return typeof value === 'number' && Number.isFinite(value) ? Math.max(0, Math.ceil(value)) : max;
    }
    return value;
  }

  return { cost: selectionCost(operation.selectionSet, rootType, undefined, []), violations };
}

/** A validation rule reporting COST_LIMIT_EXCEEDED over `maxCost`, and BAD_USER_INPUT for a `first` over its cap. */
export function operationCostRule(options: {
  maxCost: number;
  variables?: Readonly<Record<string, unknown>>;
  model?: Partial<CostModel>;
}): ValidationRule {
  const model = { ...DEFAULT_COST_MODEL, ...options.model };
  return (context: ValidationContext): ASTVisitor => {
    const fragments = fragmentsOf(context.getDocument());
    return {
      // Every operation of the document is checked, whichever one the request names, so the result
      // depends only on the document and the variables (what the validation cache may key on).
      OperationDefinition(operation) {
        const { cost, violations } = measureOperation(
          context.getSchema(),
          operation,
          fragments,
          options.variables ?? {},
          model,
        );
        for (const violation of violations) {
          context.reportError(
            createGraphQLError(`first must be an integer between 0 and ${violation.max}`, {
              nodes: violation.node,
              extensions: {
                code: 'BAD_USER_INPUT' satisfies ErrorCode,
                argumentName: 'first',
                field: violation.coordinate,
                max: violation.max,
              },
            }),
          );
        }
        // With a refused `first` the cost is meaningless; the page-size error says what to fix.
        if (violations.length === 0 && cost > options.maxCost) {
          context.reportError(
            createGraphQLError(
              `Operation ${operation.name?.value ?? '(anonymous)'} costs ${cost}, over the limit of ${options.maxCost}.`,
              {
                nodes: operation,
                extensions: { code: COST_LIMIT_EXCEEDED, cost, limit: options.maxCost },
              },
            ),
          );
        }
      },
    };
  };
}

/**
 * The request variables an operation's cost depends on (those used by size arguments and by
 * `@skip`/`@include`), as a stable string. A validation cache keyed on the document alone would
 * otherwise reuse a cheap request's verdict for an expensive one with the same text.
 */
export function costVariablesKey(
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> | undefined,
  model: Partial<CostModel> = {},
): string {
  const names = costVariableNames(document, { ...DEFAULT_COST_MODEL, ...model });
  if (names.length === 0 || !variables) return '';
  return JSON.stringify(names.map((name) => [name, variables[name] ?? null]));
}

const costVariableNamesCache = new WeakMap<DocumentNode, string[]>();

function costVariableNames(document: DocumentNode, model: CostModel): string[] {
  const cached = costVariableNamesCache.get(document);
  if (cached) return cached;
  const sizeArguments = new Set([
    'first',
    'if',
    ...Object.values(model.assumedListSizes).flatMap((size) => (typeof size === 'number' ? [] : [size.lengthOf])),
  ]);
  const names = new Set<string>();
  const collect = (node: unknown, inSizeArgument: boolean): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) collect(child, inSizeArgument);
      return;
    }
    const ast = node as { kind?: string; name?: { value: string } };
    if (ast.kind === Kind.VARIABLE && inSizeArgument && ast.name) names.add(ast.name.value);
    const isSizeArgument =
      inSizeArgument || (ast.kind === Kind.ARGUMENT && !!ast.name && sizeArguments.has(ast.name.value));
    for (const [key, child] of Object.entries(ast)) if (key !== 'loc') collect(child, isSizeArgument);
  };
  collect(document.definitions, false);
  const sorted = [...names].sort();
  costVariableNamesCache.set(document, sorted);
  return sorted;
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  return fragments;
}

// The schema is read by its types' tags, not with graphql's isListType & co.: under vitest the
// gateway's schema comes from graphql's CJS build and this file's imports from its ESM build, and
// graphql's instanceof checks throw across the two.
type Tagged = { [Symbol.toStringTag]?: string };
const tagOf = (type: unknown): string | undefined => (type as Tagged)[Symbol.toStringTag];
const isComposite = (type: GraphQLNamedType): boolean =>
  ['GraphQLObjectType', 'GraphQLInterfaceType', 'GraphQLUnionType'].includes(tagOf(type) ?? '');
const hasFields = (type: GraphQLNamedType): type is GraphQLObjectType | GraphQLInterfaceType =>
  tagOf(type) === 'GraphQLObjectType' || tagOf(type) === 'GraphQLInterfaceType';

function unwrap(type: GraphQLOutputType): { named: GraphQLNamedType; isList: boolean } {
  let current: unknown = type;
  if (tagOf(current) === 'GraphQLNonNull') current = (current as { ofType: unknown }).ofType;
  const isList = tagOf(current) === 'GraphQLList';
  while (tagOf(current) === 'GraphQLList' || tagOf(current) === 'GraphQLNonNull')
    current = (current as { ofType: unknown }).ofType;
  return { named: current as GraphQLNamedType, isList };
}

/** An argument's value as the resolver would see it: literal, variable, or the schema default. */
function argumentValue(
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  name: string,
  variableValues: Readonly<Record<string, unknown>>,
): unknown {
  const arg = field.args.find((candidate) => candidate.name === name);
  if (!arg) return undefined;
  const argNode = node.arguments?.find((candidate) => candidate.name.value === name);
  if (!argNode) return arg.defaultValue;
  if (argNode.value.kind === Kind.VARIABLE && !Object.hasOwn(variableValues, argNode.value.name.value))
    return arg.defaultValue;
  return literalValue(argNode.value, variableValues);
}

/**
 * A value node's plain value. Not coerced to the argument's type: a variable of the wrong type
 * fails execution's own coercion, before any subgraph is called.
 */
function literalValue(node: ValueNode, variableValues: Readonly<Record<string, unknown>>): unknown {
  switch (node.kind) {
    case Kind.VARIABLE:
      return variableValues[node.name.value];
    case Kind.INT:
      return Number.parseInt(node.value, 10);
    case Kind.FLOAT:
      return Number.parseFloat(node.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map((value) => literalValue(value, variableValues));
    case Kind.OBJECT:
      return Object.fromEntries(
        node.fields.map((field) => [field.name.value, literalValue(field.value, variableValues)]),
      );
    default:
      return node.value;
  }
}

function variableDefaults(operation: OperationDefinitionNode): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) defaults[definition.variable.name.value] = literalValue(definition.defaultValue, {});
  }
  return defaults;
}

function isSkipped(selection: SelectionNode, variableValues: Readonly<Record<string, unknown>>): boolean {
  for (const directive of selection.directives ?? []) {
    const condition = directive.arguments?.find((arg) => arg.name.value === 'if');
    if (!condition) continue;
    const value = literalValue(condition.value, variableValues);
    if ((directive.name.value === 'skip' && value === true) || (directive.name.value === 'include' && value === false))
      return true;
  }
  return false;
}
