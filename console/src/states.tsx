// What every page shows besides its data: loading, empty, error, a masked field, and which domain
// failed when only part of an answer arrived.
import type { CombinedError } from 'urql';
import { errorsOf, failingDomains, type GraphErrorInfo, isHidden, otherErrors } from './graph';

export function Loading({ what }: { what: string }) {
  return (
    <p className="state" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <p className="state empty">{children}</p>;
}

export function ErrorState({ error, errors }: { error?: CombinedError; errors: GraphErrorInfo[] }) {
  const messages = error?.networkError ? [error.networkError.message] : otherErrors(errors).map((e) => e.message);
  if (messages.length === 0) return null;
  const codes = [
    ...new Set(
      otherErrors(errors)
        .map((e) => e.code)
        .filter(Boolean),
    ),
  ];
  return (
    <div className="state error" role="alert">
      <strong>The graph answered with an error{codes.length ? ` (${codes.join(', ')})` : ''}.</strong>
      <ul>
        {[...new Set(messages)].map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
    </div>
  );
}

/** Names the domains that did not answer; the page shows everything else that arrived. */
export function PartialBanner({ errors }: { errors: GraphErrorInfo[] }) {
  const domains = failingDomains(errors);
  if (domains.length === 0) return null;
  return (
    <div className="state partial" role="alert" data-testid="partial-banner">
      Partial results: the <strong>{domains.join(', ')}</strong> {domains.length === 1 ? 'domain' : 'domains'} did not
      answer. Everything else below is live.
    </div>
  );
}

/** A field value, or "hidden" when the gateway masked it (FORBIDDEN at its path: the token lacks pii:read). */
export function Field({
  errors,
  path,
  value,
}: {
  errors: GraphErrorInfo[];
  path: readonly (string | number)[];
  value: React.ReactNode;
}) {
  if (isHidden(errors, path))
    return (
      <span className="hidden-value" title="Hidden: your token does not hold pii:read">
        hidden
      </span>
    );
  if (value === null || value === undefined || value === '') return <span className="muted">—</span>;
  return <>{value}</>;
}

/**
 * A section whose domain failed says so instead of rendering as empty: an error of that domain at
 * the section's path, or the section missing while that domain is among the failing ones (an error
 * from a failed entity fetch may carry no path).
 */
export function Unavailable({
  errors,
  path,
  domain,
  value,
}: {
  errors: GraphErrorInfo[];
  path: readonly (string | number)[];
  domain: string;
  value: unknown;
}) {
  const atPath = errors.some(
    (error) =>
      error.subgraph === domain && error.path && path.every((segment, index) => error.path![index] === segment),
  );
  const missing = (value === null || value === undefined) && failingDomains(errors).includes(domain);
  return atPath || missing ? <p className="state partial">Not available: the {domain} domain did not answer.</p> : null;
}

export function useErrors(error: CombinedError | undefined): GraphErrorInfo[] {
  return errorsOf(error);
}

export const formatMoney = (value: number | string | null | undefined, currency = 'EUR') =>
  value === null || value === undefined
    ? '—'
    : new Intl.NumberFormat('en', { style: 'currency', currency }).format(Number(value));

export const formatDate = (value: string | null | undefined) =>
  value ? new Date(value).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '—';

export const formatPercent = (value: number | null | undefined, digits = 1) =>
  value === null || value === undefined ? '—' : `${(value * 100).toFixed(digits)} %`;

export const formatDay = (value: string | null | undefined) =>
  value ? new Date(value).toLocaleDateString('en-GB', { dateStyle: 'medium' }) : '—';
