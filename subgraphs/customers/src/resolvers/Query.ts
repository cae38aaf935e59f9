import { pageSize, toConnection } from '../../../../shared/pagination.js';
import { customerFilter, customerIdsToLoad, type CustomerFilterInput } from '../customers.js';
import { findCustomerByIdentity, listCustomers, rowToCustomer } from '../db/customer.repository.js';
import type { IdentityType } from '../db/identity.table.js';
import type { CustomersContext } from '../context.js';
import { normalizeIdentity } from '../identity.js';
import { decodeTimeKey, timeKeyParts } from '../../../../shared/pagination.js';

interface CustomersArgs {
  first?: number | null;
  after?: string | null;
  filter?: CustomerFilterInput | null;
}

export const Query = {
  customer: (_: unknown, { id }: { id: string }, { loaders }: CustomersContext) => loaders.customerById.load(id),

  customersByIds: (_: unknown, { ids }: { ids: string[] }, { loaders }: CustomersContext) => loaders.customerById.loadMany(customerIdsToLoad(ids)),

  customers: async (_: unknown, { first, after, filter }: CustomersArgs, { db, loaders }: CustomersContext) => {
    const size = pageSize(first);
    const rows = await listCustomers(db, { ...customerFilter(filter), limit: size + 1, after: decodeTimeKey(after) });
    const connection = toConnection(rows, size, (row) => timeKeyParts(row.created_at, row.id), rowToCustomer);
    for (const customer of connection.nodes) loaders.customerById.prime(customer.id, customer);
    return connection;
  },

  customerByIdentity: async (_: unknown, { type, value }: { type: IdentityType; value: string }, { db, loaders }: CustomersContext) => {
    const row = await findCustomerByIdentity(db, type, normalizeIdentity(type, value));
    if (!row) return null;
    const customer = rowToCustomer(row);
    loaders.customerById.prime(customer.id, customer);
    return customer;
  },
};
