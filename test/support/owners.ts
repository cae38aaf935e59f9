// For tests of one domain's writes and events in isolation, where the domains that own the
// referenced customers and skus are not running: every reference counts as known. The reference
// checks themselves run for real through the gateway in test/references.e2e.test.ts.
import type { GraphClient } from '../../shared/graph-client.js';
import type { ReferenceCheck } from '../../subgraphs/orders/src/references.js';
import { TOUCHPOINT_CUSTOMER_QUERY } from '../../subgraphs/campaigns/src/touchpoints.js';

/** The orders domain's reference check, answering that every customer and sku exists. */
export const referencesAssumedKnown: ReferenceCheck = async () => undefined;

/** The graph as campaigns' recordTouchpoint asks it, answering that every customer exists. */
export const everyCustomerKnown: GraphClient = {
  request: async <T>(query: string, variables?: Record<string, unknown>) => {
    if (query !== TOUCHPOINT_CUSTOMER_QUERY) throw new Error(`unexpected graph operation in this test: ${query}`);
    return { customersByIds: (variables as { ids: string[] }).ids.map((id) => ({ id })) } as T;
  },
};

/**
 * Signs customers up through the gateway, once per id, before a test records orders, carts or
 * touchpoints for them: the orders and campaigns domains refuse customers the customers domain
 * does not know. `ok` runs an operation and fails the test on any error.
 */
export function customerSignUps(ok: (text: string, variables?: Record<string, unknown>) => Promise<unknown>) {
  const signedUp = new Map<string, Promise<unknown>>();
  return (id: string): Promise<unknown> => {
    if (!signedUp.has(id))
      signedUp.set(
        id,
        ok(`mutation($input: UpsertCustomerInput!) { upsertCustomer(input: $input) { id } }`, { input: { id } }),
      );
    return signedUp.get(id)!;
  };
}
