import { decodeTimeKey, pageSize, timeKeyParts, toConnection } from '../../../../shared/pagination.js';
import { reviewsOfCustomerAfter, rowToReview } from '../db/review.repository.js';
import type { CustomerResolvers } from '../generated/resolvers-types.js';

export const Customer: CustomerResolvers = {
  __resolveReference: ({ id }) => ({ id }),
  // The first page of many customers is one statement (a DataLoader); later pages ask for one customer.
  reviews: async ({ id }, { first, after }, { db, loaders }) => {
    const size = pageSize(first);
    const cursor = decodeTimeKey(after);
    const rows = cursor
      ? (await reviewsOfCustomerAfter(db, id, cursor, size + 1)).map(rowToReview)
      : await loaders.firstReviewsOfCustomer.load(`${size + 1}:${id}`);
    return toConnection(
      rows,
      size,
      (review) => timeKeyParts(review.createdAt, review.id),
      (review) => review,
    );
  },
};
