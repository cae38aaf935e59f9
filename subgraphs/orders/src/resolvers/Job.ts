import { assertMayReadJob, rowToJob } from '../../../../shared/jobs/graphql.js';
import type { JobResolvers } from '../generated/resolvers-types.js';

export const Job: JobResolvers = {
  __resolveReference: async ({ id }, { loaders, jobs, viewer }) => {
    const row = await loaders.jobById.load(id);
    if (!row) return null;
    const job = rowToJob(row);
    assertMayReadJob(viewer, { ...job, scope: jobs.scopeOf(job.kind) });
    return job;
  },
};
