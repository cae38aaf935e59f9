// Association rules over order baskets (MARKETING.md): frequent itemsets by Apriori, one counting
// pass over the baskets per itemset size, and rules A → C from every frequent itemset. Memory
// grows with the number of distinct items and frequent itemsets, never with the number of orders:
// baskets are streamed, and only candidates whose every subset is frequent are counted.

/** Baskets as arrays of item numbers (0 ≤ item < itemCount), delivered page by page. */
export type BasketScan = () => AsyncIterable<readonly (readonly number[])[]>;

export interface FrequentItemsets {
  basketCount: number;
  /** Support counts of the frequent itemsets, keyed by their sorted items joined with ','. */
  counts: Map<string, number>;
}

export interface MinedRule {
  antecedent: number[];
  consequent: number[];
  supportCount: number;
  support: number;
  confidence: number;
  lift: number;
}

const keyOf = (items: readonly number[]) => items.join(',');

export class TooManyItemsetsError extends Error {
  constructor(
    readonly found: number,
    readonly limit: number,
  ) {
    super(`more than ${limit} frequent itemsets (${found} so far)`);
  }
}

/** The support count an itemset needs: minSupport of the baskets, rounded up (at least 1). */
export function minSupportCount(minSupport: number, basketCount: number): number {
  return Math.max(1, Math.ceil(minSupport * basketCount - 1e-9));
}

/**
 * Frequent itemsets of size 1..maxSize with support ≥ minSupport (Apriori). Throws when more than
 * maxItemsets are frequent, which keeps memory bounded when a threshold is set too low.
 */
export async function frequentItemsets(
  scan: BasketScan,
  minSupport: number,
  maxSize: number,
  maxItemsets = Number.POSITIVE_INFINITY,
): Promise<FrequentItemsets> {
  const counts = new Map<string, number>();
  let basketCount = 0;

  // Size 1: count every item.
  const single = new Map<number, number>();
  for await (const page of scan()) {
    for (const basket of page) {
      basketCount += 1;
      for (const item of new Set(basket)) single.set(item, (single.get(item) ?? 0) + 1);
    }
  }
  const minCount = minSupportCount(minSupport, basketCount);
  const tooMany = () => {
    if (counts.size > maxItemsets) throw new TooManyItemsetsError(counts.size, maxItemsets);
  };
  let frequent: number[][] = [];
  for (const [item, count] of single) {
    if (count >= minCount) {
      counts.set(String(item), count);
      frequent.push([item]);
    }
  }
  tooMany();
  const frequentItems = new Set(frequent.map(([item]) => item));

  for (let size = 2; size <= maxSize && frequent.length > 1; size++) {
    const candidates = candidateItemsets(frequent, counts);
    if (candidates.size === 0) break;
    const found = new Map<string, number>();
    for await (const page of scan()) {
      for (const basket of page) {
        const items = [...new Set(basket)].filter((item) => frequentItems.has(item)).sort((a, b) => a - b);
        if (items.length < size) continue;
        forEachSubset(items, size, (subset) => {
          const key = keyOf(subset);
          if (candidates.has(key)) found.set(key, (found.get(key) ?? 0) + 1);
        });
      }
    }
    frequent = [];
    for (const [key, count] of found) {
      if (count >= minCount) {
        counts.set(key, count);
        frequent.push(key.split(',').map(Number));
      }
    }
    tooMany();
  }
  return { basketCount, counts };
}

/** Apriori candidate generation: join itemsets sharing all but their last item, keep those whose every subset is frequent. */
function candidateItemsets(frequent: number[][], counts: Map<string, number>): Set<string> {
  const sorted = frequent.map((items) => [...items].sort((a, b) => a - b)).sort(compareItemsets);
  const candidates = new Set<string>();
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const a = sorted[i];
      const b = sorted[j];
      if (!a.slice(0, -1).every((item, k) => item === b[k])) break;
      const candidate = [...a, b[b.length - 1]];
      const allSubsetsFrequent = candidate.every((_, skip) =>
        counts.has(keyOf(candidate.filter((__, k) => k !== skip))),
      );
      if (allSubsetsFrequent) candidates.add(keyOf(candidate));
    }
  }
  return candidates;
}

function compareItemsets(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** Calls fn with every size-k subset of the sorted items, in lexicographic order. */
function forEachSubset(items: readonly number[], k: number, fn: (subset: number[]) => void): void {
  const subset: number[] = [];
  const walk = (start: number) => {
    if (subset.length === k) {
      fn(subset);
      return;
    }
    for (let i = start; i <= items.length - (k - subset.length); i++) {
      subset.push(items[i]);
      walk(i + 1);
      subset.pop();
    }
  };
  walk(0);
}

/** Every rule A → C (A, C non-empty, disjoint, A ∪ C a frequent itemset) with confidence ≥ minConfidence. */
export function associationRules({ basketCount, counts }: FrequentItemsets, minConfidence: number): MinedRule[] {
  const rules: MinedRule[] = [];
  for (const [key, supportCount] of counts) {
    const items = key.split(',').map(Number);
    if (items.length < 2) continue;
    // Every non-empty proper subset as the antecedent (bit masks over at most a handful of items).
    for (let mask = 1; mask < (1 << items.length) - 1; mask++) {
      const antecedent = items.filter((_, i) => mask & (1 << i));
      const consequent = items.filter((_, i) => !(mask & (1 << i)));
      const confidence = supportCount / counts.get(keyOf(antecedent))!;
      if (confidence < minConfidence) continue;
      const consequentSupport = counts.get(keyOf(consequent))! / basketCount;
      rules.push({
        antecedent,
        consequent,
        supportCount,
        support: supportCount / basketCount,
        confidence,
        lift: confidence / consequentSupport,
      });
    }
  }
  return rules;
}
