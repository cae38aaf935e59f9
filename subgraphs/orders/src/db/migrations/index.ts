import type { Migration } from 'kysely';
import * as init from './2026112201_init.js';
import * as rfm from './2026112301_rfm.js';
import * as clv from './2026112302_clv.js';
import * as associationRules from './2026112303_association_rules.js';
import * as feedIndexes from './2026112304_feed_indexes.js';
import * as outbox from './2026112410_outbox.js';
import * as jobs from './2026120401_jobs.js';
import * as accessLog from './2026120420_access_log.js';
import * as orderStatusHistory from './2026120501_order_status_history.js';
import * as productStates from './2026120502_product_states.js';
import * as clvConvergence from './2026120510_clv_convergence.js';
import * as churnClusters from './2026120520_churn_clusters.js';
import * as recommendations from './2026120530_recommendations.js';

export const migrations: Record<string, Migration> = {
  '2026112201_init': init,
  '2026112301_rfm': rfm,
  '2026112302_clv': clv,
  '2026112303_association_rules': associationRules,
  '2026112304_feed_indexes': feedIndexes,
  '2026112410_outbox': outbox,
  '2026120401_jobs': jobs,
  '2026120420_access_log': accessLog,
  '2026120501_order_status_history': orderStatusHistory,
  '2026120502_product_states': productStates,
  '2026120510_clv_convergence': clvConvergence,
  '2026120520_churn_clusters': churnClusters,
  '2026120530_recommendations': recommendations,
};
