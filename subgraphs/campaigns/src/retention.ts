// What the campaigns domain keeps for a bounded time, beyond the policies every domain shares.
import { sql } from 'kysely';
import type { RetentionPolicy } from '../../../shared/retention.js';

export const campaignsRetention: RetentionPolicy[] = [
  {
    table: 'touchpoints',
    column: 'occurred_at',
    days: 730,
    why: 'attribution looks back at most 90 days and experiments the life of a campaign; two years allow year-over-year comparison',
  },
  {
    table: 'cart_reminders',
    column: 'queued_at',
    days: 180,
    why: 'a reminder is acted on within days; cancelled ones are kept as evidence for half a year',
  },
  {
    table: 'audiences',
    column: 'computed_at',
    days: 180,
    where: sql<boolean>`exists (select 1 from audiences newer where newer.campaign_id = audiences.campaign_id and newer.version > audiences.version)`,
    why: 'superseded audience versions (and their members) are compared for half a year; the latest version of each campaign stays',
  },
  {
    table: 'attribution_reports',
    column: 'computed_at',
    days: 90,
    why: 'a stored report is read soon after its job; it can be computed again from touchpoints and order facts',
  },
  {
    table: 'job_registry',
    column: 'updated_at',
    days: 90,
    why: 'the registry mirrors jobs, which their domains keep 90 days after they end',
  },
];
