import type { CampaignsContext } from '../context.js';
import { registryJob } from '../job-registry.js';

export const Job = {
  __resolveReference: ({ id }: { id: string }, { db, viewer }: CampaignsContext) => registryJob(db, viewer, id),
};
