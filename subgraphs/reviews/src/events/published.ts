// The events the reviews domain publishes: its public contract (JSON Schema in ../../events/,
// documented in docs/events.md). Publish through the outbox only (appendEvent in the writing transaction).
import { dataSubjectRequestProgressedContract } from '../../../../shared/privacy/requests.js';

const producer = 'reviews';

/** Every contract this domain publishes (for `npm run events`). */
export const contracts = [dataSubjectRequestProgressedContract(producer)];
