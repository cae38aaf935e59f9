// The consent read model of the orders domain: customers' ConsentChanged and PrivacyPreferenceChanged
// into consent_states and privacy_states (the highest seq wins, whatever the arrival order), so the
// churn model and the clusters can leave out customers who refused ANALYTICS or object to direct
// marketing without reading the customers database. A refusal or an objection also deletes the
// customer's stored churn scores and cluster assignments at once, in the transaction that applies
// it, rather than at the next training run. Payloads are read with this domain's own tolerant schema.
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { backgroundConsumers, type DomainEvent, type EventTransport } from '../../../../shared/events/index.js';
import type { Logger } from '../../../../shared/logger.js';
import type { BackgroundJobs } from '../../../../shared/run.js';
import type { OrdersDatabase } from '../db/database.js';
import { upsertConsentState, upsertPrivacyState } from '../db/models.repository.js';

const consentChanged = z.object({
  customerId: z.string(),
  purpose: z.string(),
  channel: z.string(),
  status: z.string(),
  seq: z.number().int(),
});
const privacyPreferenceChanged = z.object({
  customerId: z.string(),
  kind: z.string(),
  active: z.boolean(),
  seq: z.number().int(),
});

type Db = Kysely<OrdersDatabase> | Transaction<OrdersDatabase>;

async function forgetScores(db: Db, customerId: string): Promise<void> {
  await db.deleteFrom('churn_scores').where('customer_id', '=', customerId).execute();
  await db.deleteFrom('cluster_assignments').where('customer_id', '=', customerId).execute();
}

/** Applies one ConsentChanged or PrivacyPreferenceChanged to the consent read model. */
export async function applyConsentToModels(db: Db, event: Pick<DomainEvent, 'id' | 'type' | 'payload'>): Promise<void> {
  if (event.type === 'PrivacyPreferenceChanged') {
    const preference = privacyPreferenceChanged.parse(event.payload);
    await upsertPrivacyState(db, {
      customer_id: preference.customerId,
      kind: preference.kind,
      active: preference.active,
      seq: preference.seq,
      event_id: event.id,
    });
    if (preference.kind === 'OBJECT_TO_DIRECT_MARKETING' && preference.active)
      await forgetScores(db, preference.customerId);
    return;
  }
  const consent = consentChanged.parse(event.payload);
  await upsertConsentState(db, {
    customer_id: consent.customerId,
    purpose: consent.purpose,
    channel: consent.channel,
    status: consent.status,
    seq: consent.seq,
    event_id: event.id,
  });
  if (consent.purpose === 'ANALYTICS' && consent.status === 'OPT_OUT') await forgetScores(db, consent.customerId);
}

/** The consumer that keeps the consent read model, run while the service runs. */
export function consentConsumer(deps: {
  db: Kysely<OrdersDatabase>;
  events: EventTransport;
  logger?: Logger;
}): BackgroundJobs {
  return backgroundConsumers(deps, [
    {
      name: 'orders-consent-state',
      producer: 'customers',
      types: ['ConsentChanged', 'PrivacyPreferenceChanged'],
      handle: (trx, event) => applyConsentToModels(trx, event),
    },
  ]);
}
