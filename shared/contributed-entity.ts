// An entity every domain contributes to (AuditTrail, DataQuality): its key is all there is to it, so a
// reference resolves to itself, and each domain adds one field named after itself with what it holds.
// Query.auditTrail / Query.dataQuality (in one domain) name the entity; the gateway asks every domain
// for its field, so one query reads every domain's part while each stays in its own database.

/** A reference that is its own entity: nothing to read. */
const itself = <R extends { id: string }>(reference: R): R => reference;

/** The resolvers of `entity` in one domain: the reference as the entity, and the field named after the domain. */
export function contributedEntityResolvers<E extends string, F>(
  entity: E,
  domain: string,
  field: F,
): Record<E, { __resolveReference: typeof itself; [domain: string]: F | typeof itself }> {
  return { [entity]: { __resolveReference: itself, [domain]: field } } as Record<
    E,
    { __resolveReference: typeof itself; [domain: string]: F | typeof itself }
  >;
}
