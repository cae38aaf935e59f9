// Churn risk and behavioural clusters in the graph: Query, Mutation and Customer fields, merged into
// the domain's resolver maps in server.ts.
import { rowToJob } from '../../../../shared/jobs/graphql.js';
import { analyticsAsOf } from '../analytics.js';
import { validateChurnHorizon } from '../churn.js';
import { validateClusterArgs } from '../clusters.js';
import type { OrdersContext } from '../context.js';
import type { CustomerResolvers, MutationResolvers, QueryResolvers } from '../generated/resolvers-types.js';
import {
  churnBandMembers,
  churnModelReport,
  churnModelVersions,
  clusterReport,
  createModelLoaders,
  type ModelLoaders,
} from '../models-read.js';

const perRequest = new WeakMap<OrdersContext, ModelLoaders>();
const loadersOf = (context: OrdersContext): ModelLoaders => {
  const existing = perRequest.get(context);
  if (existing) return existing;
  const loaders = createModelLoaders(context.db);
  perRequest.set(context, loaders);
  return loaders;
};

export const ModelQuery: QueryResolvers = {
  churnModel: async (_, __, context) => {
    const model = await loadersOf(context).churnModel();
    return model ? churnModelReport(context.db, model) : null;
  },
  churnModels: (_, { first }, { db }) => churnModelVersions(db, first),
  customersAtChurnRisk: async (_, args, context) =>
    churnBandMembers(context.db, await loadersOf(context).churnModel(), args),
  customerClusters: async (_, __, context) => {
    const model = await loadersOf(context).clusterModel();
    return model ? clusterReport(model) : null;
  },
};

export const ModelMutation: MutationResolvers = {
  // Arguments are checked before the job is queued, like the other analytics mutations.
  fitChurnModel: async (_, { asOf, horizonDays }, { db, jobs, viewer }) => {
    const horizon = validateChurnHorizon(horizonDays);
    return rowToJob(
      await jobs.start({
        kind: 'FIT_CHURN_MODEL',
        target: 'all',
        params: { asOf: await analyticsAsOf(db, asOf), horizonDays: horizon },
        viewer,
      }),
    );
  },
  fitCustomerClusters: async (_, { asOf, k, seed }, { db, jobs, viewer }) => {
    const args = validateClusterArgs({ k, seed });
    return rowToJob(
      await jobs.start({
        kind: 'FIT_CUSTOMER_CLUSTERS',
        target: 'all',
        params: { asOf: await analyticsAsOf(db, asOf), ...args },
        viewer,
      }),
    );
  },
};

export const ModelCustomer: CustomerResolvers = {
  churnRisk: ({ id }, _, context) => loadersOf(context).churnRisk.load(id),
  cluster: ({ id }, _, context) => loadersOf(context).cluster.load(id),
};
