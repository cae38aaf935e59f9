import type { Migration } from 'kysely';
import * as init from './2026112201_init.js';
import * as cartReminders from './2026112303_cart_reminders.js';
import * as variants from './2026112304_variants.js';
import * as audiences from './2026112305_audiences.js';
import * as outbox from './2026112410_outbox.js';
import * as readModels from './2026112411_read_models.js';
import * as jobs from './2026120401_jobs.js';
import * as messageCancellation from './2026120410_message_cancellation.js';
import * as accessLog from './2026120420_access_log.js';
import * as orderFactStatus from './2026120501_order_fact_status.js';
import * as erasuresInProgress from './2026120501_erasures_in_progress.js';
import * as experimentAssignments from './2026120510_experiment_assignments.js';
import * as campaignSpend from './2026120520_campaign_spend.js';
import * as cartActivityFacts from './2026120530_cart_activity_facts.js';
import * as messageDelivery from './2026120540_message_delivery.js';
import * as audienceModelTargets from './2026120550_audience_model_targets.js';

export const migrations: Record<string, Migration> = {
  '2026112201_init': init,
  '2026112303_cart_reminders': cartReminders,
  '2026112304_variants': variants,
  '2026112305_audiences': audiences,
  '2026112410_outbox': outbox,
  '2026112411_read_models': readModels,
  '2026120401_jobs': jobs,
  '2026120410_message_cancellation': messageCancellation,
  '2026120420_access_log': accessLog,
  '2026120501_order_fact_status': orderFactStatus,
  '2026120501_erasures_in_progress': erasuresInProgress,
  '2026120510_experiment_assignments': experimentAssignments,
  '2026120520_campaign_spend': campaignSpend,
  '2026120530_cart_activity_facts': cartActivityFacts,
  '2026120540_message_delivery': messageDelivery,
  '2026120550_audience_model_targets': audienceModelTargets,
};
