// Every operation the orders service sends to the graph. They are registered as trusted documents
// (`npm run documents`), because the service sends only their ids.
import { ORDER_REFERENCES_QUERY } from './references.js';

export const ORDERS_GRAPH_OPERATIONS = [ORDER_REFERENCES_QUERY];
