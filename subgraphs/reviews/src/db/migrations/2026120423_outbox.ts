// The domain-event tables (outbox, processed_events, consumer_positions, dead_letters): the frozen
// definition every domain shares, see shared/events/migration.ts.
export { up, down } from '../../../../../shared/events/migration.js';
