import { assertMayReadJob, rowToJob } from '../../../../shared/jobs/graphql.js';
import type { JobResolvers } from '../generated/resolvers-types.js';

export const Job: JobResolvers = {
  // Through the loader, so the gateway's _entities batch of N jobs costs one registry statement.
  __resolveReference: async ({ id }, { loaders, viewer }) => {
    const row = await loaders.registryJobById.load(id);
    if (!row) return null;
    assertMayReadJob(viewer, { id: row.id, createdBy: row.created_by, scope: row.scope });
    return rowToJob(row);
  },
};
