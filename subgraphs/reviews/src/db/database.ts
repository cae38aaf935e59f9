import type { EventTables } from '../../../../shared/events/index.js';
import type { ReviewTable } from './review.table.js';

/** The domain's tables, and the event tables every domain database has (outbox, processed_events, ...). */
export interface ReviewsDatabase extends EventTables {
  reviews: ReviewTable;
}
