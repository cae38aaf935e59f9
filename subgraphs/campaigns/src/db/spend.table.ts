import type { ColumnType } from 'kysely';

/** One campaign's spend on one UTC day, in minor-unit-exact numeric(12,2). */
export interface CampaignSpendTable {
  campaign_id: string;
  /** YYYY-MM-DD; read back as text so no driver turns it into a local-time Date. */
  day: ColumnType<string, string, string>;
  /** numeric(12,2): written as a decimal string, read as a string or number depending on the driver. */
  amount: ColumnType<string | number, string, string>;
  currency: string;
  recorded_at: ColumnType<Date, Date | undefined, Date>;
}
