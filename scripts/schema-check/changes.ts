// The shape every comparison of `npm run schema:check` reports in: GraphQL schemas (through GraphQL
// Inspector) and event contracts (a structural JSON Schema comparison) alike.

export type Severity = 'BREAKING' | 'DANGEROUS' | 'SAFE';

/** One difference between the base and the working tree, in the file it was found in. */
export interface SchemaChange {
  severity: Severity;
  /** Repository-relative file: a subgraph's schema.graphql, supergraph.graphql or an event contract. */
  file: string;
  /** What it touches: a schema coordinate (`Customer.email`, `Query.customer.id`) or an event path (`payload.seq`). */
  coordinate?: string;
  message: string;
  /**
   * The schema coordinate an operation must use for the change to break it, when that is not
   * `coordinate` itself: a new required argument breaks every use of its field.
   */
  usedThrough?: string;
}
