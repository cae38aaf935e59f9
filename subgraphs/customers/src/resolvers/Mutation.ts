import {
  setConsent,
  setPrivacyPreference,
  type ConsentRequest,
  type SetConsentInput,
  type SetPrivacyPreferenceInput,
} from '../consents.js';
import { addIdentity, upsertCustomer, type SavedCustomer, type UpsertCustomerInput } from '../customers.js';
import type { IdentityType } from '../db/identity.table.js';
import type { CustomersContext } from '../context.js';
import type { DsrKind, DsrRegime } from '../../../../shared/privacy/requests.js';
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
  (_: unknown, { customerId, regime }: { customerId: string; regime?: DsrRegime | null }, ctx: CustomersContext) =>
    openDataSubjectRequest(ctx.db, ctx.settings, {
      customerId,
      kind,
      regime: regime ?? 'GDPR',
      requestedBy: ctx.viewer?.subject ?? 'in-process',
    });

export const Mutation = {
  upsertCustomer: async (_: unknown, { input }: { input: UpsertCustomerInput }, ctx: CustomersContext) =>
    remember(await upsertCustomer(ctx.db, input, new Date(), ctx.settings.tombstoneKeys), ctx),

  addIdentity: async (
    _: unknown,
    { customerId, type, value }: { customerId: string; type: IdentityType; value: string },
    ctx: CustomersContext,
  ) => remember(await addIdentity(ctx.db, customerId, type, value, new Date(), ctx.settings.tombstoneKeys), ctx),

  setConsent: async (_: unknown, { input }: { input: SetConsentInput }, ctx: CustomersContext) => {
    const { loaders } = ctx;
    const consent = await setConsent(ctx.db, input, consentRequest(ctx));
    loaders.privacyPreferencesByCustomerId.clear(consent.customerId);
    // Current consents are cached per customer; the history loader caches pages by customer and arguments.
    loaders.consentsByCustomerId.clear(consent.customerId);
    loaders.consentHistory.clearAll();
    return consent;
  },

  setPrivacyPreference: async (_: unknown, { input }: { input: SetPrivacyPreferenceInput }, ctx: CustomersContext) => {
    const preference = await setPrivacyPreference(ctx.db, input, consentRequest(ctx));
    ctx.loaders.privacyPreferencesByCustomerId.clear(preference.customerId);
    return preference;
  },

  requestErasure: openRequest('ERASURE'),
  requestDataExport: openRequest('EXPORT'),
};
