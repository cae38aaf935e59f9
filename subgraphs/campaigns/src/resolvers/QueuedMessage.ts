import type { QueuedMessage as QueuedMessageModel } from '../db/cart-reminder.repository.js';
import type { CampaignsContext } from '../context.js';
import type { Touchpoint } from '../db/touchpoint.repository.js';

export const QueuedMessage = {
  customer: ({ customerId }: QueuedMessageModel) => ({ __typename: 'Customer' as const, id: customerId }),
  items: ({ items }: QueuedMessageModel) =>
    items.map(({ sku, quantity }) => ({ product: { __typename: 'Product' as const, sku }, quantity })),
  touchpoint: (message: QueuedMessageModel & { touchpoint?: Touchpoint }, _: unknown, { loaders }: CampaignsContext) =>
    message.touchpoint ?? loaders.touchpointById.load(message.touchpointId),
};
