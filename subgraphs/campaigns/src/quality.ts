// The campaigns domain's data-quality checks (shared/quality.ts): on its own tables only.
import { sql } from 'kysely';
import { countCheck, duplicateCheck, type DomainQualityDefinition } from '../../../shared/quality.js';

export const campaignsQuality: DomainQualityDefinition = {
  rows: { table: 'touchpoints', changedAt: 'occurred_at' },
  checks: [
    countCheck(
      'campaign promotes products',
      'COMPLETENESS',
      'Campaigns with at least one promoted product.',
      'campaigns',
      sql`not exists (select 1 from campaign_promoted_skus p where p.campaign_id = campaigns.id)`,
    ),
    countCheck(
      'campaign dates are ordered',
      'VALIDITY',
      'Campaigns that do not end before they start.',
      'campaigns',
      sql`starts_at is not null and ends_at is not null and ends_at < starts_at`,
    ),
    countCheck(
      'touchpoint is not in the future',
      'VALIDITY',
      'Touchpoints that happened no later than now (a future one is a clock or import error).',
      'touchpoints',
      sql`occurred_at > now() + interval '5 minutes'`,
    ),
    duplicateCheck(
      'touchpoint is recorded once',
      'Touchpoints that no other touchpoint repeats (same customer, campaign, kind and time).',
      'touchpoints',
      sql`customer_id, campaign_id, kind, occurred_at`,
    ),
  ],
};
