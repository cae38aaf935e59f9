// References to another domain's records (an order's customer, a line's sku) are checked by their
// owner through the graph, never in the referring domain's database: the owner alone knows whether
// a record exists now (an erased customer does not).
import { NotFoundError } from './errors.js';

/** One reference a write carries: the key and the input field it came from (e.g. `input.lines[2].sku`). */
export interface Reference {
  key: string;
  field: string;
}

/**
 * Throws NOT_FOUND naming the first field whose key the owner answered null for; `answers` is the
 * owner's batched look-up, in the order of `references`. `what` names the record, e.g. "customer".
 */
export function assertReferencesFound(
  references: readonly Reference[],
  answers: readonly unknown[],
  what: string,
  why = 'unknown',
): void {
  references.forEach((reference, index) => {
    if (answers[index] === null || answers[index] === undefined)
      throw new NotFoundError(`${reference.field}: no ${what} ${reference.key} (${why})`, {
        argumentName: reference.field,
        [what]: reference.key,
      });
  });
}
