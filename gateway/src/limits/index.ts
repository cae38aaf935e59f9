// Operation limits applied before planning: depth, aliases, tokens, directives, static cost, page size.
export {
  ASSUMED_LIST_SIZES,
  COST_LIMIT_EXCEEDED,
  DEFAULT_COST_MODEL,
  MAX_PAGE_SIZES,
  costVariablesKey,
  measureOperation,
  operationCost,
  operationCostRule,
  type CostModel,
  type ListSize,
  type PageSizeViolation,
} from './cost.js';
export {
  DEFAULT_OPERATION_LIMITS,
  LIMIT_ERROR_CODES,
  operationLimitPlugins,
  useOperationCost,
  type OperationLimits,
} from './plugins.js';
export { apiSchemaOf, operationDepth } from './schema.js';
