import { createHash } from 'node:crypto';
import { pageSize } from '../../../../shared/pagination.js';
import type { Customer as CustomerModel } from '../db/customer.repository.js';
import type { IdentityType } from '../db/identity.table.js';
import type { CustomersContext } from '../context.js';
import type { CustomerResolvers } from '../generated/resolvers-types.js';
import { isContactable, preferenceActive } from '../consent-decision.js';
import { decodeTimeKey } from '../../../../shared/pagination.js';

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The customer's first identity of a type (identities come in the order they were added). */
async function primaryIdentity(
  { id }: CustomerModel,
  type: IdentityType,
  { loaders }: CustomersContext,
): Promise<string | null> {
  const identities = await loaders.identitiesByCustomerId.load(id);
  return identities.find((identity) => identity.type === type)?.value ?? null;
}

export const Customer: CustomerResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.customerById.load(id),

  displayName: async (customer, _, ctx) => {
    const name = [customer.firstName, customer.lastName].filter(Boolean).join(' ');
    return name || (await primaryIdentity(customer, 'EMAIL', ctx)) || customer.id;
  },

  email: (customer, _, ctx) => primaryIdentity(customer, 'EMAIL', ctx),
  emailSha256: async (customer, _, ctx) => {
    const email = await primaryIdentity(customer, 'EMAIL', ctx);
    return email === null ? null : sha256Hex(email.trim().toLowerCase());
  },
  phone: (customer, _, ctx) => primaryIdentity(customer, 'PHONE', ctx),

  identities: ({ id }, _, { loaders }) => loaders.identitiesByCustomerId.load(id),
  consents: ({ id }, _, { loaders }) => loaders.consentsByCustomerId.load(id),

  consent: async ({ id }, { purpose, channel }, { loaders }) =>
    (await loaders.consentsByCustomerId.load(id)).find(
      (consent) => consent.purpose === purpose && consent.channel === channel,
    ) ?? null,

  contactable: async ({ id }, { purpose, channel }, { loaders }) => {
    const [consents, preferences] = await Promise.all([
      loaders.consentsByCustomerId.load(id),
      loaders.privacyPreferencesByCustomerId.load(id),
    ]);
    return isContactable(consents, preferences, purpose, channel);
  },

  privacyPreferences: ({ id }, _, { loaders }) => loaders.privacyPreferencesByCustomerId.load(id),

  objectsToDirectMarketing: async ({ id }, _, { loaders }) =>
    preferenceActive(await loaders.privacyPreferencesByCustomerId.load(id), 'OBJECT_TO_DIRECT_MARKETING'),

  doNotSellOrShare: async ({ id }, _, { loaders }) =>
    preferenceActive(await loaders.privacyPreferencesByCustomerId.load(id), 'DO_NOT_SELL_OR_SHARE'),

  consentHistory: ({ id }, { first, after }, { loaders }) =>
    loaders.consentHistory.load({ customerId: id, first: pageSize(first), after: decodeTimeKey(after, 'number') }),
};
