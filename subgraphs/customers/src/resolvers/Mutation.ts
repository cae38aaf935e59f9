import { setConsent, setPrivacyPreference, type ConsentRequest } from '../consents.js';
import { addIdentity, upsertCustomer, type SavedCustomer } from '../customers.js';
import type { CustomersContext } from '../context.js';
import type { MutationRequestErasureArgs, MutationResolvers } from '../generated/resolvers-types.js';
import type { DsrKind } from '../../../../shared/privacy/requests.js';
import { openDataSubjectRequest } from '../privacy.js';

// The loaders may already hold this customer from earlier in the request: replace what they know.
function remember({ customer, identitiesChanged }: SavedCustomer, { loaders }: CustomersContext) {
  loaders.customerById.clear(customer.id).prime(customer.id, customer);
  if (identitiesChanged) loaders.identitiesByCustomerId.clear(customer.id);
  return customer;
}

const consentRequest = ({ settings, viewer }: CustomersContext): ConsentRequest => ({
  clockSkewMs: settings.consentClockSkewMs,
  globalPrivacyControl: viewer?.globalPrivacyControl ?? false,
});

const openRequest =
  (kind: DsrKind) =>
  (_: unknown, { customerId, regime }: MutationRequestErasureArgs, ctx: CustomersContext) =>
    openDataSubjectRequest(ctx.db, ctx.settings, {
      customerId,
      kind,
      regime: regime ?? 'GDPR',
      requestedBy: ctx.viewer?.subject ?? 'in-process',
    });

export const Mutation: MutationResolvers = {
  upsertCustomer: async (_, { input }, ctx) =>
    remember(await upsertCustomer(ctx.db, input, new Date(), ctx.settings.tombstoneKeys), ctx),

  addIdentity: async (_, { customerId, type, value }, ctx) =>
    remember(await addIdentity(ctx.db, customerId, type, value, new Date(), ctx.settings.tombstoneKeys), ctx),

  setConsent: async (_, { input }, ctx) => {
    const { loaders } = ctx;
    const consent = await setConsent(ctx.db, input, consentRequest(ctx));
    loaders.privacyPreferencesByCustomerId.clear(consent.customerId);
    // Current consents are cached per customer; the history loader caches pages by customer and arguments.
    loaders.consentsByCustomerId.clear(consent.customerId);
    loaders.consentHistory.clearAll();
    return consent;
  },

  setPrivacyPreference: async (_, { input }, ctx) => {
    const preference = await setPrivacyPreference(ctx.db, input, consentRequest(ctx));
    ctx.loaders.privacyPreferencesByCustomerId.clear(preference.customerId);
    return preference;
  },

  requestErasure: openRequest('ERASURE'),
  requestDataExport: openRequest('EXPORT'),
};
