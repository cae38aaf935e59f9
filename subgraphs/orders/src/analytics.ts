// Arguments shared by the analytics jobs and reads.
import { BadUserInputError } from '../../../shared/errors.js';

/** A reference date for RFM or a model fit: any past instant (a minute of clock skew allowed), or undefined for "latest"/"now". */
export function validateAsOf(asOf: Date | null | undefined, now = new Date()): Date | undefined {
  if (asOf === null || asOf === undefined) return undefined;
  if (asOf.getTime() > now.getTime() + 60_000) throw new BadUserInputError('asOf must not be in the future', { argumentName: 'asOf' });
  return asOf;
}
