import type { Generated, Insertable, Selectable } from 'kysely';

export interface AssociationRuleRunTable {
  id: Generated<number>;
  computed_at: Date;
  order_count: number;
  min_support: number;
  min_confidence: number;
  max_itemset_size: number;
  frequent_itemset_count: number;
  rule_count: number;
  duration_ms: number;
}

export interface AssociationRuleTable {
  id: Generated<number>;
  run_id: number;
  /** Keys of the inventory domain, sorted. */
  antecedent_skus: string[];
  consequent_skus: string[];
  support: number;
  support_count: number;
  confidence: number;
  lift: number;
}

export type AssociationRuleRunRow = Selectable<AssociationRuleRunTable>;
export type NewAssociationRuleRunRow = Insertable<AssociationRuleRunTable>;
export type AssociationRuleRow = Selectable<AssociationRuleTable>;
export type NewAssociationRuleRow = Insertable<AssociationRuleTable>;
