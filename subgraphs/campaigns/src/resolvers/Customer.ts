import { pageSize } from '../../../../shared/pagination.js';
import type { CampaignsContext } from '../context.js';
import { decodeTimeKey } from '../../../../shared/pagination.js';

export const Customer = {
  // The customers domain owns customers; here a customer is just its key, so there is nothing to load.
  __resolveReference: ({ id }: { id: string }) => ({ id }),

  touchpoints: (
    { id }: { id: string },
    { first, after }: { first?: number | null; after?: string | null },
    { loaders }: CampaignsContext,
  ) => loaders.touchpointsByCustomerId.load({ ownerId: id, first: pageSize(first), after: decodeTimeKey(after) }),
};
