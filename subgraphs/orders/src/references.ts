// An order or a cart names a customer (owned by customers) and skus (owned by inventory); both are
// checked by their owners through the graph before anything is written, in one request.
import type { GraphClient } from '../../../shared/graph-client.js';
import { assertReferencesFound, type Reference } from '../../../shared/references.js';

export const ORDER_REFERENCES_QUERY = /* GraphQL */ `query OrderReferences($customerIds: [ID!]!, $skus: [ID!]!) {
  customersByIds(ids: $customerIds) { id }
  productsBySkus(skus: $skus) { sku }
}`;

/** Checks an order's or a cart's customer and skus with their owners; throws NOT_FOUND naming the field. */
export type ReferenceCheck = (customerId: string, skus: readonly string[]) => Promise<void>;

/** The reference check through the graph, as the orders service runs it. */
export const graphReferenceCheck =
  (graph: GraphClient): ReferenceCheck =>
  (customerId, skus) =>
    assertOrderReferences(graph, customerId, skus);

/**
 * NOT_FOUND naming the field when the customer does not exist (never did, or was erased) or a line's
 * sku is not in the catalogue; GRAPH_UNAVAILABLE when an owner cannot answer, so nothing unchecked is written.
 */
export async function assertOrderReferences(
  graph: GraphClient,
  customerId: string,
  skus: readonly string[],
): Promise<void> {
  const customer: Reference = { key: customerId, field: 'input.customerId' };
  const lines: Reference[] = skus.map((sku, index) => ({ key: sku, field: `input.lines[${index}].sku` }));
  const answer = await graph.request<{ customersByIds: unknown[]; productsBySkus: unknown[] }>(ORDER_REFERENCES_QUERY, {
    customerIds: [customer.key],
    skus: lines.map((line) => line.key),
  });
  assertReferencesFound([customer], answer.customersByIds, 'customer', 'unknown or erased');
  assertReferencesFound(lines, answer.productsBySkus, 'product');
}
