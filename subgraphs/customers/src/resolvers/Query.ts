import { pageSize, toConnection } from '../../../../shared/pagination.js';
import { customerFilter, customerIdsToLoad, type CustomerFilterInput } from '../customers.js';
import { findCustomerByIdentity, listCustomers, rowToCustomer } from '../db/customer.repository.js';
import type { IdentityType } from '../db/identity.table.js';
import type { CustomersContext } from '../context.js';
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

interface CustomersArgs {
  first?: number | null;
  after?: string | null;
  filter?: CustomerFilterInput | null;
}

export const Query = {
  auditTrail: (_: unknown, args: Parameters<typeof auditTrail>[0]) => auditTrail(args),
  dataQuality: dataQualityRoot,

  customer: (_: unknown, { id }: { id: string }, { loaders }: CustomersContext) => loaders.customerById.load(id),

  dataSubjectRequest: async (_: unknown, { id }: { id: string }, { db }: CustomersContext) =>
    (await findDataSubjectRequest(db, id)) ?? null,

  customersByIds: (_: unknown, { ids }: { ids: string[] }, { loaders }: CustomersContext) =>
    loaders.customerById.loadMany(customerIdsToLoad(ids)),

  customers: async (_: unknown, { first, after, filter }: CustomersArgs, { db, loaders }: CustomersContext) => {
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

  customerByIdentity: async (
    _: unknown,
    { type, value }: { type: IdentityType; value: string },
    { db, loaders }: CustomersContext,
  ) => {
    const row = await findCustomerByIdentity(db, type, normalizeIdentity(type, value));
    if (!row) return null;
    const customer = rowToCustomer(row);
    loaders.customerById.prime(customer.id, customer);
    return customer;
  },
};
