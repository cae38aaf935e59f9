// What orders knows of each customer's consent, for its models and scores (issue 16, "Consent and
// purpose"). Orders never asks the customers domain at run time: it keeps a read model of the
// customers domain's ConsentChanged and PrivacyPreferenceChanged events (consent_states,
// privacy_states, kept by the consumer in events/consent.ts; the record the owner received last wins,
// whatever the arrival order) and reads it here.
//
// Definitions (shared by every orders model; the churn and cluster work uses the same reader):
// - refused ANALYTICS: the current ANALYTICS record is OPT_OUT on any channel. Left out of training
//   and scoring.
// - refused PERSONALIZATION: the current PERSONALIZATION record is OPT_OUT on any channel, or an
//   objection to direct marketing (GDPR Art. 21) is active, which suppresses personalization too.
//   Gets non-personalised recommendations (popular, in stock).
// - objects to direct marketing: the objection is active. Out of every marketing score.
// No record means no refusal: consent is recorded per channel and a purpose nobody asked about is not refused.
import { sql, type Expression, type Kysely, type Transaction } from 'kysely';
import type { OrdersDatabase } from './db/database.js';

type Db = Kysely<OrdersDatabase> | Transaction<OrdersDatabase>;

export interface ConsentRefusals {
  analytics: boolean;
  personalization: boolean;
  objectsToDirectMarketing: boolean;
}

const NO_REFUSAL: ConsentRefusals = { analytics: false, personalization: false, objectsToDirectMarketing: false };
const OBJECTION = 'OBJECT_TO_DIRECT_MARKETING';

/** Each customer's refusals, in input order (customers without a record refuse nothing). */
export async function consentRefusals(db: Db, customerIds: readonly string[]): Promise<ConsentRefusals[]> {
  if (customerIds.length === 0) return [];
  const ids = [...new Set(customerIds)];
  const [consents, preferences] = await Promise.all([
    db
      .selectFrom('consent_states')
      .select(['customer_id', 'purpose'])
      .where('customer_id', 'in', ids)
      .where('status', '=', 'OPT_OUT')
      .where('purpose', 'in', ['ANALYTICS', 'PERSONALIZATION'])
      .execute(),
    db
      .selectFrom('privacy_states')
      .select('customer_id')
      .where('customer_id', 'in', ids)
      .where('kind', '=', OBJECTION)
      .where('active', '=', true)
      .execute(),
  ]);
  const byId = new Map<string, ConsentRefusals>();
  const of = (id: string) => {
    const refusals = byId.get(id) ?? { ...NO_REFUSAL };
    byId.set(id, refusals);
    return refusals;
  };
  for (const row of consents) {
    if (row.purpose === 'ANALYTICS') of(row.customer_id).analytics = true;
    else of(row.customer_id).personalization = true;
  }
  for (const row of preferences) {
    const refusals = of(row.customer_id);
    refusals.objectsToDirectMarketing = true;
    refusals.personalization = true;
  }
  return customerIds.map((id) => byId.get(id) ?? NO_REFUSAL);
}

/** SQL true when the customer id expression names a customer who refused ANALYTICS (for training queries). */
export const refusedAnalytics = (customerId: Expression<string>) =>
  sql<boolean>`exists (select 1 from consent_states where consent_states.customer_id = ${customerId} and consent_states.purpose = 'ANALYTICS' and consent_states.status = 'OPT_OUT')`;

/** SQL true when the customer id expression names a customer who objects to direct marketing. */
export const objectsToDirectMarketing = (customerId: Expression<string>) =>
  sql<boolean>`exists (select 1 from privacy_states where privacy_states.customer_id = ${customerId} and privacy_states.kind = ${OBJECTION} and privacy_states.active)`;
