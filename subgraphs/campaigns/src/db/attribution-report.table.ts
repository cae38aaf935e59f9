import type { ColumnType, Selectable } from 'kysely';
import type { AttributionModel } from '../attribution.js';
import type { MarketingChannel } from './campaign.table.js';

/** One attribution job's report, kept whole (it is read whole, by id). */
export interface AttributionReportTable {
  id: string;
  job_id: string;
  computed_at: Date;
  report: ColumnType<StoredAttributionReport, string, never>;
}

/** The report as JSON: dates as ISO strings, campaigns by id. */
export interface StoredAttributionReport {
  model: AttributionModel;
  from: string;
  to: string;
  lookbackDays: number;
  conversions: number;
  conversionValue: number;
  unattributedConversions: number;
  unattributedValue: number;
  byChannel: { channel: MarketingChannel; conversions: number; revenue: number }[];
  byCampaign: { campaignId: string; conversions: number; revenue: number }[];
}

export type AttributionReportRow = Selectable<AttributionReportTable>;
