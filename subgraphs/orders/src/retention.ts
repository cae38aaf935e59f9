// What the orders domain keeps for a bounded time, beyond the policies every domain shares. Orders,
// their lines and status history are the financial record and have no retention here.
import type { RetentionPolicy } from '../../../shared/retention.js';

export const ordersRetention: RetentionPolicy[] = [
  {
    table: 'carts',
    column: 'updated_at',
    days: 180,
    why: 'a cart untouched for half a year will not be checked out; the abandoned-cart trigger looks at the last days only',
  },
];
