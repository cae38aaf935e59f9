// The association-rule job (mineAssociationRules) and the reads built on its stored rules.
import type { Kysely } from 'kysely';
import { BadUserInputError } from '../../../shared/errors.js';
import { associationRules, frequentItemsets, TooManyItemsetsError, type BasketScan } from './association-rules.js';
import {
  countOrders,
  findBasketPage,
  findLatestAssociationRuleRun,
  replaceAssociationRules,
  type RuleFilter,
} from './db/association-rule.repository.js';
import type { AssociationRuleRunRow } from './db/association-rule.table.js';
import type { OrdersDatabase } from './db/database.js';

export const DEFAULT_MINING = { minSupport: 0.001, minConfidence: 0.05, maxItemsetSize: 3 };
/** Baskets per statement while streaming: bounded memory whatever the number of orders. */
const BASKET_PAGE = 20_000;
/** More frequent itemsets than this means the support threshold is too low for useful rules. */
const MAX_FREQUENT_ITEMSETS = 200_000;
export const MAX_RULES_PAGE = 100;

export interface MiningInput {
  minSupport?: number | null;
  minConfidence?: number | null;
  maxItemsetSize?: number | null;
}

export function rowToMiningRun(row: AssociationRuleRunRow) {
  return {
    computedAt: row.computed_at,
    orderCount: row.order_count,
    minSupport: row.min_support,
    minConfidence: row.min_confidence,
    maxItemsetSize: row.max_itemset_size,
    frequentItemsetCount: row.frequent_itemset_count,
    ruleCount: row.rule_count,
    durationMs: row.duration_ms,
  };
}

export function validateMining(input: MiningInput | null | undefined) {
  const minSupport = input?.minSupport ?? DEFAULT_MINING.minSupport;
  const minConfidence = input?.minConfidence ?? DEFAULT_MINING.minConfidence;
  const maxItemsetSize = input?.maxItemsetSize ?? DEFAULT_MINING.maxItemsetSize;
  if (!(minSupport > 0 && minSupport <= 1))
    throw new BadUserInputError('minSupport must be in (0, 1]', { argumentName: 'minSupport' });
  if (!(minConfidence >= 0 && minConfidence <= 1))
    throw new BadUserInputError('minConfidence must be in [0, 1]', { argumentName: 'minConfidence' });
  if (!Number.isInteger(maxItemsetSize) || maxItemsetSize < 1 || maxItemsetSize > 3) {
    throw new BadUserInputError('maxItemsetSize must be 1, 2 or 3', { argumentName: 'maxItemsetSize' });
  }
  return { minSupport, minConfidence, maxItemsetSize };
}

/** Streams every order's basket from the database, page by page, with skus numbered for counting. */
function basketScan(
  db: Kysely<OrdersDatabase>,
  skuNumbers: Map<string, number>,
  onPage: (baskets: number) => void,
): BasketScan {
  const numberOf = (sku: string) => {
    let n = skuNumbers.get(sku);
    if (n === undefined) {
      n = skuNumbers.size;
      skuNumbers.set(sku, n);
    }
    return n;
  };
  return async function* () {
    let after: string | undefined;
    for (;;) {
      const page = await findBasketPage(db, BASKET_PAGE, after);
      if (page.length === 0) return;
      onPage(page.length);
      yield page.map((basket) => basket.skus.map(numberOf));
      after = page[page.length - 1].id;
    }
  };
}

/** Mines frequent itemsets and rules from every basket and stores them as the only run, in one transaction. */
export async function mineAssociationRules(
  db: Kysely<OrdersDatabase>,
  input: MiningInput | null | undefined,
  now = () => new Date(),
  progress?: (fraction: number) => void,
) {
  const params = validateMining(input);
  const started = performance.now();
  const skuNumbers = new Map<string, number>();
  // Progress is baskets read over what the passes will read (one pass per itemset size, at most).
  const expected = progress ? (await countOrders(db)) * params.maxItemsetSize : 0;
  let read = 0;
  const onPage = (baskets: number) => {
    read += baskets;
    if (expected > 0) progress?.(Math.min(0.95, read / expected));
  };
  let itemsets: Awaited<ReturnType<typeof frequentItemsets>>;
  try {
    itemsets = await frequentItemsets(
      basketScan(db, skuNumbers, onPage),
      params.minSupport,
      params.maxItemsetSize,
      MAX_FREQUENT_ITEMSETS,
    );
  } catch (error) {
    if (error instanceof TooManyItemsetsError) {
      throw new BadUserInputError(
        `minSupport ${params.minSupport} leaves more than ${error.limit} frequent itemsets; raise it`,
        { argumentName: 'minSupport' },
      );
    }
    throw error;
  }
  const skuOf = [...skuNumbers.keys()];
  const rules = associationRules(itemsets, params.minConfidence).map((rule) => ({
    antecedent_skus: rule.antecedent.map((n) => skuOf[n]).sort(),
    consequent_skus: rule.consequent.map((n) => skuOf[n]).sort(),
    support: rule.support,
    support_count: rule.supportCount,
    confidence: rule.confidence,
    lift: rule.lift,
  }));
  const run = await db.transaction().execute(async (trx) => {
    // An empty run (thresholds nothing passes) must not wipe rules that serve recommendations now.
    const previous = await findLatestAssociationRuleRun(trx);
    if (rules.length === 0 && previous && previous.rule_count > 0) {
      throw new BadUserInputError(
        `these thresholds leave no rules (minSupport ${params.minSupport}, minConfidence ${params.minConfidence}); the last run (${previous.rule_count} rules) is kept`,
        {
          argumentName: 'minSupport',
        },
      );
    }
    return replaceAssociationRules(
      trx,
      {
        computed_at: now(),
        order_count: itemsets.basketCount,
        min_support: params.minSupport,
        min_confidence: params.minConfidence,
        max_itemset_size: params.maxItemsetSize,
        frequent_itemset_count: itemsets.counts.size,
        rule_count: rules.length,
        duration_ms: Math.round(performance.now() - started),
      },
      rules,
    );
  });
  return rowToMiningRun(run);
}

export function ruleFilter(args: {
  minSupport?: number | null;
  minConfidence?: number | null;
  minLift?: number | null;
  antecedentSkus?: string[] | null;
  includeDiscontinued?: boolean | null;
  first?: number | null;
}): RuleFilter {
  const limit = args.first ?? 20;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_RULES_PAGE)
    throw new BadUserInputError(`first must be an integer between 0 and ${MAX_RULES_PAGE}`, { argumentName: 'first' });
  for (const [name, value] of [
    ['minSupport', args.minSupport],
    ['minConfidence', args.minConfidence],
    ['minLift', args.minLift],
  ] as const) {
    if (value !== null && value !== undefined && !(Number.isFinite(value) && value >= 0))
      throw new BadUserInputError(`${name} must be a number of at least 0`, { argumentName: name });
  }
  // Support and confidence are shares of baskets; lift has no upper bound.
  for (const [name, value] of [
    ['minSupport', args.minSupport],
    ['minConfidence', args.minConfidence],
  ] as const) {
    if (value !== null && value !== undefined && value > 1)
      throw new BadUserInputError(`${name} must be at most 1`, { argumentName: name });
  }
  if (args.antecedentSkus && args.antecedentSkus.length === 0)
    throw new BadUserInputError('antecedentSkus must not be empty when given', { argumentName: 'antecedentSkus' });
  return {
    minSupport: args.minSupport ?? 0,
    minConfidence: args.minConfidence ?? 0,
    minLift: args.minLift ?? 0,
    antecedentSkus: args.antecedentSkus ? [...new Set(args.antecedentSkus.map((sku) => sku.trim()))].sort() : undefined,
    includeDiscontinued: args.includeDiscontinued ?? false,
    limit,
  };
}

/** How many candidates orders hands inventory per customer: enough that out-of-stock ones rarely starve a page. */
export const RECOMMENDATION_CANDIDATES = 100;
