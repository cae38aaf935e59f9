import type { EventTables } from '../../../../shared/events/index.js';
import type { CampaignPromotedSkuTable, CampaignTable } from './campaign.table.js';
import type { CartReminderTable } from './cart-reminder.table.js';
import type { AudienceMemberTable, AudienceTable, CampaignAudienceRuleTable } from './audience.table.js';
import type { CampaignExperimentTable, CampaignVariantTable, ExperimentAssignmentTable } from './variant.table.js';
import type { TouchpointTable } from './touchpoint.table.js';
import type { CampaignSpendTable } from './spend.table.js';
import type { JobsTable } from '../../../../shared/jobs/job.table.js';
import type { JobRegistryTable } from './job-registry.table.js';
import type { AttributionReportTable } from './attribution-report.table.js';
import type {
  CartActivityFactTable,
  CartFactTable,
  ConsentStateTable,
  ErasureInProgressTable,
  OrderFactLineTable,
  OrderFactTable,
  PrivacyStateTable,
} from './read-model.table.js';

/** The domain's tables, and the event tables every domain database has (outbox, processed_events, ...). */
export interface CampaignsDatabase extends EventTables {
  campaigns: CampaignTable;
  campaign_promoted_skus: CampaignPromotedSkuTable;
  touchpoints: TouchpointTable;
  cart_reminders: CartReminderTable;
  campaign_variants: CampaignVariantTable;
  campaign_experiments: CampaignExperimentTable;
  experiment_assignments: ExperimentAssignmentTable;
  campaign_spend: CampaignSpendTable;
  campaign_audience_rules: CampaignAudienceRuleTable;
  audiences: AudienceTable;
  audience_members: AudienceMemberTable;
  jobs: JobsTable;
  job_registry: JobRegistryTable;
  attribution_reports: AttributionReportTable;
  order_facts: OrderFactTable;
  order_fact_lines: OrderFactLineTable;
  cart_facts: CartFactTable;
  cart_activity_facts: CartActivityFactTable;
  consent_state: ConsentStateTable;
  privacy_state: PrivacyStateTable;
  erasures_in_progress: ErasureInProgressTable;
}
