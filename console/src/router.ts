// Routes live in the URL hash (#/customers/cus-0000001): the gateway serves one index.html at
// /console and every page is a bookmarkable link without server-side routes.
import { useEffect, useState } from 'react';

export type Route =
  | { page: 'customers' }
  | { page: 'customer'; id: string }
  | { page: 'segments' }
  | { page: 'audiences'; campaignId?: string }
  | { page: 'campaigns'; campaignId?: string };

export function parseRoute(hash: string): Route {
  const [page, id] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (page === 'customers' && id) return { page: 'customer', id };
  if (page === 'segments') return { page: 'segments' };
  if (page === 'audiences') return { page: 'audiences', campaignId: id || undefined };
  if (page === 'campaigns') return { page: 'campaigns', campaignId: id || undefined };
  return { page: 'customers' };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export const href = {
  customers: () => '#/customers',
  customer: (id: string) => `#/customers/${encodeURIComponent(id)}`,
  segments: () => '#/segments',
  audiences: (campaignId?: string) => `#/audiences${campaignId ? `/${encodeURIComponent(campaignId)}` : ''}`,
  campaigns: (campaignId?: string) => `#/campaigns${campaignId ? `/${encodeURIComponent(campaignId)}` : ''}`,
};
