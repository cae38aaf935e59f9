import { loadServiceGraphSettings, type ServiceGraphSettings } from '../../../shared/service-identity.js';

/** What the orders service needs beyond the common subgraph config: how it asks the graph about the customers and skus it is given. */
export type OrdersSettings = ServiceGraphSettings;

/**
 * The orders service asks only whether customers and products exist (customersByIds, productsBySkus),
 * which any authenticated caller may: its token needs no scope.
 */
export const ORDERS_SERVICE_SCOPES = [] as const;

export const DEFAULT_ORDERS_SETTINGS: OrdersSettings = loadServiceGraphSettings('orders', ORDERS_SERVICE_SCOPES, {});

/** Reads and validates the ORDERS_GRAPH_* and ORDERS_OAUTH_* settings, reporting every problem at once. */
export function loadOrdersSettings(env: NodeJS.ProcessEnv): OrdersSettings {
  return loadServiceGraphSettings('orders', ORDERS_SERVICE_SCOPES, env);
}
