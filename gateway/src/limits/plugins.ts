// Envelop plugins that refuse an abusive operation while it is parsed or validated, so it never
// reaches the query planner or a subgraph. Every refusal carries a stable extensions.code.
import type { Plugin } from '@envelop/core';
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { createGraphQLError } from '@graphql-tools/utils';
import type { GraphQLError, ValidationContext } from 'graphql';
import { costVariablesKey, operationCostRule, type CostModel } from './cost.js';

export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxCost: number;
  blockSuggestions: boolean;
}

/**
 * The gateway's defaults. The README's queries, the GraphiQL example and the standard
 * introspection query must all pass (the limits tests check it); `npm run cost` shows the margin.
 */
export const DEFAULT_OPERATION_LIMITS: Readonly<OperationLimits> = {
  // Field nesting, fragments flattened; the deepest README query is 6, and introspection is exempt.
  maxDepth: 10,
  // The README's ChannelRevenue uses 6 (one per attribution model).
  maxAliases: 15,
  // Bounds parsing work before any other check; the full introspection query is 184, the longest README query 160.
  maxTokens: 1000,
  // No README query uses a directive; @skip/@include on a few fields stay well under this.
  maxDirectives: 20,
  // Roughly objects resolved (see cost.ts). The dearest registered operation is the campaigns
  // service's CampaignOrderFacts (a page of 1,000 orders with their customer, 2,002); the dearest
  // README query is AtRiskEmailable (502); a list of 50 customers with their last 5 orders, lines,
  // products and stock per location costs about 10,000. Cross-sell nested in customers' orders
  // costs about 7.6e8.
  maxCost: 20_000,
  // Off by default: suggestions help GraphiQL users, and the schema is not secret (introspection is on).
  blockSuggestions: false,
};

/** The stable `extensions.code` of each limit's refusal. */
export const LIMIT_ERROR_CODES = {
  maxDepth: 'DEPTH_LIMIT_EXCEEDED',
  maxAliases: 'ALIAS_LIMIT_EXCEEDED',
  maxTokens: 'TOKEN_LIMIT_EXCEEDED',
  maxDirectives: 'DIRECTIVE_LIMIT_EXCEEDED',
  maxCost: 'COST_LIMIT_EXCEEDED',
} as const;

/** Builds the envelop plugins enforcing `options` (missing ones take DEFAULT_OPERATION_LIMITS), cost rule last. */
export function operationLimitPlugins(
  options: Partial<OperationLimits> & { costModel?: Partial<CostModel> } = {},
): Plugin[] {
  const limits = { ...DEFAULT_OPERATION_LIMITS, ...definedOnly(options) };
  const plugins: Plugin[] = [
    // Armor throws an uncoded "Syntax Error: ..." by default; reporting through the validation
    // context instead yields one coded error per limit alongside the other validation errors.
    maxDepthPlugin({
      n: limits.maxDepth,
      flattenFragments: true,
      ignoreIntrospection: true,
      ...reportCoded(LIMIT_ERROR_CODES.maxDepth, limits.maxDepth),
    }),
    maxAliasesPlugin({ n: limits.maxAliases, ...reportCoded(LIMIT_ERROR_CODES.maxAliases, limits.maxAliases) }),
    maxDirectivesPlugin({
      n: limits.maxDirectives,
      ...reportCoded(LIMIT_ERROR_CODES.maxDirectives, limits.maxDirectives),
    }),
    maxTokensPlugin({
      n: limits.maxTokens,
      propagateOnRejection: false,
      // The token count runs inside the parser, where there is no validation context: throwing is
      // how a parse fails, and this handler runs on the first token over the limit.
      onReject: [
        (_context, error) => {
          throw codedError(error, LIMIT_ERROR_CODES.maxTokens, limits.maxTokens);
        },
      ],
    }),
    useOperationCost({ maxCost: limits.maxCost, model: options.costModel }),
  ];
  if (limits.blockSuggestions) plugins.push(blockFieldSuggestionsPlugin());
  return plugins;
}

/**
 * Refuses, at validation, an operation whose static cost is over `maxCost` (COST_LIMIT_EXCEEDED)
 * or whose `first` is over its page size (BAD_USER_INPUT). The request's variables come from the
 * Yoga context (`context.params.variables`), as the gateway runtime provides it.
 */
export function useOperationCost(options: { maxCost: number; model?: Partial<CostModel> }): Plugin {
  return {
    onValidate({ context, params, addValidationRule }) {
      const variables =
        (context as { params?: { variables?: Record<string, unknown> } } | undefined)?.params?.variables ?? undefined;
      const rule = operationCostRule({ maxCost: options.maxCost, variables, model: options.model });
      // Yoga caches validation by schema, document and rule names; naming the rule after the
      // variables it depends on keeps a cheap request's verdict from serving an expensive one.
      Object.defineProperty(rule, 'name', {
        value: `OperationCostRule${costVariablesKey(params.documentAST, variables, options.model)}`,
      });
      addValidationRule(rule);
    },
  };
}

function reportCoded(code: string, limit: number) {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => context?.reportError(codedError(error, code, limit)),
    ],
  };
}

function codedError(error: GraphQLError, code: string, limit: number): GraphQLError {
  // Armor prefixes "Syntax Error: " to every message, which misleads for a well-formed query.
  // createGraphQLError builds the error with the graphql instance the server uses (see cost.ts).
  return createGraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code, limit } });
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
