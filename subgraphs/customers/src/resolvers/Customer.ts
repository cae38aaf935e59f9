import { pageSize } from '../../../../shared/pagination.js';
import type { ConsentChannel, ConsentPurpose } from '../db/consent.table.js';
import type { Customer as CustomerModel } from '../db/customer.repository.js';
import type { IdentityType } from '../db/identity.table.js';
import type { CustomersContext } from '../context.js';
import { isContactable, preferenceActive } from '../consent-decision.js';
import { decodeTimeKey } from '../../../../shared/pagination.js';

/** The customer's first identity of a type (identities come in the order they were added). */
async function primaryIdentity(
  { id }: CustomerModel,
  type: IdentityType,
  { loaders }: CustomersContext,
): Promise<string | null> {
  const identities = await loaders.identitiesByCustomerId.load(id);
  return identities.find((identity) => identity.type === type)?.value ?? null;
}

export const Customer = {
  __resolveReference: ({ id }: { id: string }, { loaders }: CustomersContext) => loaders.customerById.load(id),

  displayName: async (customer: CustomerModel, _: unknown, ctx: CustomersContext) => {
    const name = [customer.firstName, customer.lastName].filter(Boolean).join(' ');
    return name || (await primaryIdentity(customer, 'EMAIL', ctx)) || customer.id;
  },

  email: (customer: CustomerModel, _: unknown, ctx: CustomersContext) => primaryIdentity(customer, 'EMAIL', ctx),
  phone: (customer: CustomerModel, _: unknown, ctx: CustomersContext) => primaryIdentity(customer, 'PHONE', ctx),

  identities: ({ id }: CustomerModel, _: unknown, { loaders }: CustomersContext) =>
    loaders.identitiesByCustomerId.load(id),
  consents: ({ id }: CustomerModel, _: unknown, { loaders }: CustomersContext) => loaders.consentsByCustomerId.load(id),

  consent: async (
    { id }: CustomerModel,
    { purpose, channel }: { purpose: ConsentPurpose; channel: ConsentChannel },
    { loaders }: CustomersContext,
  ) =>
    (await loaders.consentsByCustomerId.load(id)).find(
      (consent) => consent.purpose === purpose && consent.channel === channel,
    ) ?? null,

  contactable: async (
    { id }: CustomerModel,
    { purpose, channel }: { purpose: ConsentPurpose; channel: ConsentChannel },
    { loaders }: CustomersContext,
  ) => {
    const [consents, preferences] = await Promise.all([
      loaders.consentsByCustomerId.load(id),
      loaders.privacyPreferencesByCustomerId.load(id),
    ]);
    return isContactable(consents, preferences, purpose, channel);
  },

  privacyPreferences: ({ id }: CustomerModel, _: unknown, { loaders }: CustomersContext) =>
    loaders.privacyPreferencesByCustomerId.load(id),

  objectsToDirectMarketing: async ({ id }: CustomerModel, _: unknown, { loaders }: CustomersContext) =>
    preferenceActive(await loaders.privacyPreferencesByCustomerId.load(id), 'OBJECT_TO_DIRECT_MARKETING'),

  doNotSellOrShare: async ({ id }: CustomerModel, _: unknown, { loaders }: CustomersContext) =>
    preferenceActive(await loaders.privacyPreferencesByCustomerId.load(id), 'DO_NOT_SELL_OR_SHARE'),

  consentHistory: (
    { id }: CustomerModel,
    { first, after }: { first?: number | null; after?: string | null },
    { loaders }: CustomersContext,
  ) => loaders.consentHistory.load({ customerId: id, first: pageSize(first), after: decodeTimeKey(after, 'number') }),
};
