import { assertMayReadJob, rowToJob } from '../../../../shared/jobs/graphql.js';
import type { OrdersContext } from '../context.js';

export const Job = {
  __resolveReference: async ({ id }: { id: string }, { loaders, jobs, viewer }: OrdersContext) => {
    const row = await loaders.jobById.load(id);
    if (!row) return null;
    const job = rowToJob(row);
    assertMayReadJob(viewer, { ...job, scope: jobs.scopeOf(job.kind) });
    return job;
  },
};
