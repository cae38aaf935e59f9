import { submitReview } from '../reviews.js';
import type { MutationResolvers } from '../generated/resolvers-types.js';

export const Mutation: MutationResolvers = {
  submitReview: (_, { input }, { db }) => submitReview(db, input),
};
