import type { QueryResolvers } from '../generated/resolvers-types.js';

export const Query: QueryResolvers = {
  review: (_, { id }, { loaders }) => loaders.reviewById.load(id),
};
