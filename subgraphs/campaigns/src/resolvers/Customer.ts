import { pageSize } from '../../../../shared/pagination.js';
import type { CustomerResolvers } from '../generated/resolvers-types.js';
import { decodeTimeKey } from '../../../../shared/pagination.js';

export const Customer: CustomerResolvers = {
  // The customers domain owns customers; here a customer is just its key, so there is nothing to load.
  __resolveReference: (reference) => reference,

  touchpoints: ({ id }, { first, after }, { loaders }) =>
    loaders.touchpointsByCustomerId.load({ ownerId: id, first: pageSize(first), after: decodeTimeKey(after) }),
};
