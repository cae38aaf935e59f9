// Every operation the campaigns service sends to the graph. They are registered as trusted
// documents (`npm run documents`), because the service sends only their ids.
import { CONSENT_QUERY, SEGMENT_PAGE_QUERY } from './audiences.js';
import { ABANDONED_CARTS_QUERY } from './cart-reminders.js';
import { DELIVERY_RECIPIENTS_QUERY } from './delivery.js';
import { ORDERS_QUERY } from './order-facts.js';
import { TOUCHPOINT_CUSTOMER_QUERY } from './touchpoints.js';

export const GRAPH_OPERATIONS = [
  SEGMENT_PAGE_QUERY,
  CONSENT_QUERY,
  ABANDONED_CARTS_QUERY,
  ORDERS_QUERY,
  DELIVERY_RECIPIENTS_QUERY,
  TOUCHPOINT_CUSTOMER_QUERY,
];
