import { pageSize, toConnection } from '../../../../shared/pagination.js';
import { customerFilter } from '../customers.js';
import { boundedKeys } from '../../../../shared/id-inputs.js';
import { findCustomerByIdentity, listCustomers, rowToCustomer } from '../db/customer.repository.js';
import type { QueryResolvers } from '../generated/resolvers-types.js';
import { normalizeIdentity } from '../identity.js';
import { decodeTimeKey, timeKeyParts } from '../../../../shared/pagination.js';
import { hasScope } from '../../../../shared/auth.js';
import { auditTrail } from '../../../../shared/audit/trail.js';
import { dataQualityRoot } from '../../../../shared/quality.js';
import { ForbiddenError } from '../../../../shared/errors.js';
import { requestScope } from '../../../../shared/request-scope.js';
import { findDataSubjectRequest } from '../db/data-subject-request.repository.js';

/** Requests over HTTP always carry the gateway's verified viewer; in-process calls (tests, jobs) have none and are trusted. */
const mayReadPersonalData = () => {
  const viewer = requestScope.getStore()?.viewer;
  return viewer === undefined || hasScope(viewer, 'pii:read');
};

export const Query: QueryResolvers = {
  auditTrail: (_, args) => auditTrail(args),
  dataQuality: dataQualityRoot,

  customer: (_, { id }, { loaders }) => loaders.customerById.load(id),

  dataSubjectRequest: async (_, { id }, { db }) => (await findDataSubjectRequest(db, id)) ?? null,

  // One batch; its loader answers null for an unknown id and fails only as a whole (the database), never per id.
  customersByIds: (_, { ids }, { loaders }) =>
    Promise.all(boundedKeys(ids, 'ids').map((id) => loaders.customerById.load(id))),

  customers: async (_, { first, after, filter }, { db, loaders }) => {
    // Filtering by city, consent or name tells who lives where, who opted in and who is a customer:
    // personal data, like the fields themselves.
    if ((filter?.city != null || filter?.optedIn != null || filter?.search != null) && !mayReadPersonalData()) {
      throw new ForbiddenError('filtering customers by city, consent or name requires the scope pii:read', {
        requiredScopes: [['pii:read']],
      });
    }
    const size = pageSize(first);
    const rows = await listCustomers(db, { ...customerFilter(filter), limit: size + 1, after: decodeTimeKey(after) });
    const connection = toConnection(rows, size, (row) => timeKeyParts(row.created_at, row.id), rowToCustomer);
    for (const customer of connection.nodes) loaders.customerById.prime(customer.id, customer);
    return connection;
  },

  customerByIdentity: async (_, { type, value }, { db, loaders }) => {
    const row = await findCustomerByIdentity(db, type, normalizeIdentity(type, value));
    if (!row) return null;
    const customer = rowToCustomer(row);
    loaders.customerById.prime(customer.id, customer);
    return customer;
  },
};
