import type { EventTables } from '../../../../shared/events/index.js';
import type { CartLineTable } from './cart-line.table.js';
import type { CartTable } from './cart.table.js';
import type { OrderLineTable } from './order-line.table.js';
import type { OrderTable } from './order.table.js';
import type { OrderStatusChangeTable } from './order-status-change.table.js';
import type { ClvModelTable } from './clv.table.js';
import type { AssociationRuleRunTable, AssociationRuleTable } from './association-rule.table.js';
import type { JobsTable } from '../../../../shared/jobs/job.table.js';
import type { ProductStateTable } from './product-state.table.js';
import type { RfmScoreTable, RfmSnapshotTable } from './rfm.table.js';
import type {
  ChurnModelTable,
  ChurnScoreTable,
  ClusterAssignmentTable,
  ClusterModelTable,
  ConsentStateTable,
  PrivacyStateTable,
} from './models.table.js';
import type {
  CategoryRepurchaseTable,
  ItemPopularityTable,
  ItemSimilarityTable,
  RecommendationEvaluationTable,
  RecommendationModelTable,
} from './recommendation.table.js';

/** The domain's tables, and the event tables every domain database has (outbox, processed_events, ...). */
export interface OrdersDatabase extends EventTables {
  orders: OrderTable;
  order_lines: OrderLineTable;
  order_status_changes: OrderStatusChangeTable;
  carts: CartTable;
  cart_lines: CartLineTable;
  rfm_snapshots: RfmSnapshotTable;
  rfm_scores: RfmScoreTable;
  clv_models: ClvModelTable;
  association_rule_runs: AssociationRuleRunTable;
  association_rules: AssociationRuleTable;
  jobs: JobsTable;
  product_states: ProductStateTable;
  consent_states: ConsentStateTable;
  privacy_states: PrivacyStateTable;
  churn_models: ChurnModelTable;
  churn_scores: ChurnScoreTable;
  cluster_models: ClusterModelTable;
  cluster_assignments: ClusterAssignmentTable;
  recommendation_models: RecommendationModelTable;
  item_similarities: ItemSimilarityTable;
  item_popularity: ItemPopularityTable;
  category_repurchase: CategoryRepurchaseTable;
  recommendation_evaluations: RecommendationEvaluationTable;
}
