// Query planning: timed, and cached by the operation's text.
//
// Timing: Hive's Prometheus plugin has no planning metric and the router runtime exposes no hook
// around planning, so the planner's `planAsync` is timed where it is defined; each observation is a
// plan actually computed, so the count says how often the gateway plans and the sum what it costs.
//
// Caching: the router runtime caches plans per parsed document object (a WeakMap). With field
// authorization on, generic-auth's extended validation hands execution a freshly rebuilt document
// on every request (`removeEmptyOrUnusedNodes` copies the document even when it removes nothing),
// so that cache never hits and every request was planned again by the Rust planner: most of the
// edge's fixed cost per request (measured with `npm run bench`). The runtime gives `planAsync` the
// printed operation, so plans are also kept here by that text, per planner (one planner per
// supergraph version), in a bounded LRU: an operation planned once is never planned again while it
// stays in the cache, whatever document object carries it.
import { QueryPlanner } from '@graphql-hive/router-query-planner';
import { LRUCache } from 'lru-cache';
import { observeQueryPlanning } from '../../shared/metrics.js';

type QueryPlan = Awaited<ReturnType<QueryPlanner['planAsync']>>;

/** Distinct operations whose plans each planner keeps. Bounded, so random operations cannot grow memory. */
export const PLAN_CACHE_SIZE = 1_000;

const PATCHED = Symbol.for('mesh360.queryPlanningPatched');
const plansByPlanner = new WeakMap<QueryPlanner, LRUCache<string, QueryPlan>>();

function plansOf(planner: QueryPlanner): LRUCache<string, QueryPlan> {
  let plans = plansByPlanner.get(planner);
  if (!plans) {
    plans = new LRUCache<string, QueryPlan>({ max: PLAN_CACHE_SIZE });
    plansByPlanner.set(planner, plans);
  }
  return plans;
}

/**
 * The cache key: everything that decides the plan. Progressive override (`@override(label:)`) makes
 * the plan depend on the active labels and, for percentage labels, on which percentages the
 * request's random draw activates; the same rule as the runtime's own cache key.
 */
function planKey(
  planner: QueryPlanner,
  query: string,
  operationName: string | undefined | null,
  activeLabels: Set<string>,
  percentageValue: number,
): string {
  let key = `${operationName ?? ''}|${[...activeLabels].sort().join(',')}|`;
  for (const percentage of planner.overridePercentages) if (percentageValue > percentage) key += `${percentage},`;
  return `${key}\n${query}`;
}

/**
 * Times every plan the router runtime's QueryPlanner computes (in
 * `mesh360_gateway_query_planning_duration_seconds`) and answers repeated operations from the
 * cache above; idempotent. Only finished plans are cached: a plan aborted with its request is
 * computed again by the next one.
 */
export function cacheAndMeasureQueryPlanning(): void {
  const prototype = QueryPlanner.prototype as QueryPlanner & { [PATCHED]?: true };
  if (prototype[PATCHED]) return;
  const planAsync = prototype.planAsync;
  prototype.planAsync = async function cachedPlanAsync(
    this: QueryPlanner,
    ...args: Parameters<QueryPlanner['planAsync']>
  ) {
    const [query, operationName, activeLabels, percentageValue] = args;
    const plans = plansOf(this);
    const key = planKey(this, query, operationName, activeLabels, percentageValue);
    const cached = plans.get(key);
    if (cached) return cached;
    const started = performance.now();
    try {
      const plan = await planAsync.apply(this, args);
      observeQueryPlanning('ok', (performance.now() - started) / 1000);
      plans.set(key, plan);
      return plan;
    } catch (error) {
      observeQueryPlanning('error', (performance.now() - started) / 1000);
      throw error;
    }
  };
  prototype[PATCHED] = true;
}
