// How long the Rust query planner takes. Hive's Prometheus plugin has no planning metric and the
// router runtime exposes no hook around planning, so the planner's `planAsync` is timed where it
// is defined. The runtime caches a plan per parsed document, so each observation is a cache miss:
// the count says how often the gateway plans, the sum what planning costs.
import { QueryPlanner } from '@graphql-hive/router-query-planner';
import { observeQueryPlanning } from '../../shared/metrics.js';

const MEASURED = Symbol.for('mesh360.queryPlanningMeasured');

/** Times every plan the router runtime's QueryPlanner computes, in `mesh360_gateway_query_planning_duration_seconds`; idempotent. */
export function measureQueryPlanning(): void {
  const prototype = QueryPlanner.prototype as QueryPlanner & { [MEASURED]?: true };
  if (prototype[MEASURED]) return;
  const planAsync = prototype.planAsync;
  prototype.planAsync = async function timedPlanAsync(
    this: QueryPlanner,
    ...args: Parameters<QueryPlanner['planAsync']>
  ) {
    const started = performance.now();
    try {
      const plan = await planAsync.apply(this, args);
      observeQueryPlanning('ok', (performance.now() - started) / 1000);
      return plan;
    } catch (error) {
      observeQueryPlanning('error', (performance.now() - started) / 1000);
      throw error;
    }
  };
  prototype[MEASURED] = true;
}
