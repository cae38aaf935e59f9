import type { OrdersContext } from '../context.js';

export const Query = {
  order: (_: unknown, { id }: { id: string }, { loaders }: OrdersContext) => loaders.orderById.load(id),
  orderByExternalId: (_: unknown, { externalId }: { externalId: string }, { loaders }: OrdersContext) => loaders.orderByExternalId.load(externalId.trim()),
};
