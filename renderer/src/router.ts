/**
 * A tiny hash router. Hash routes work the same under the Electron window's custom protocol
 * and the browser host, need no server rewrite, and survive a reload.
 *
 *   #/                        home
 *   #/new                     vendor picker
 *   #/new/:vendorKey          the playbook for a new integration (vendorKey: "asana", "custom:scim", ...)
 *   #/playbook/:id            the playbook of a draft profile, resumed on its saved step
 *   #/profiles/:id/:tab       profile record (tab defaults to "subscriptions")
 *   #/candidates #/reconciliation #/directory #/jobs #/audit #/settings
 */
import { useSyncExternalStore } from 'react';

export const SECTIONS = ['candidates', 'reconciliation', 'directory', 'jobs', 'audit', 'settings'] as const;
export type Section = (typeof SECTIONS)[number];

export type Route =
  | { name: 'home' }
  | { name: 'new'; vendorKey?: string }
  | { name: 'profile'; id: string; tab: string }
  | { name: 'playbook'; id: string }
  | { name: 'section'; section: Section }
  | { name: 'notFound'; path: string };

export const DEFAULT_PROFILE_TAB = 'subscriptions';

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  if (path === '') return { name: 'home' };
  const segments = path.split('/').map(decode);
  const [head, second, third] = segments;
  if (head === 'new' && segments.length <= 2) return second ? { name: 'new', vendorKey: second } : { name: 'new' };
  if (head === 'playbook' && second && segments.length === 2) return { name: 'playbook', id: second };
  if (head === 'profiles' && second && segments.length <= 3) return { name: 'profile', id: second, tab: third ?? DEFAULT_PROFILE_TAB };
  if (segments.length === 1 && (SECTIONS as readonly string[]).includes(head ?? '')) return { name: 'section', section: head as Section };
  return { name: 'notFound', path: `/${path}` };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'new':
      return route.vendorKey ? `#/new/${encodeURIComponent(route.vendorKey)}` : '#/new';
    case 'profile':
      return `#/profiles/${encodeURIComponent(route.id)}/${encodeURIComponent(route.tab)}`;
    case 'playbook':
      return `#/playbook/${encodeURIComponent(route.id)}`;
    case 'section':
      return `#/${route.section}`;
    case 'notFound':
      return `#${route.path}`;
  }
}

export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const target = href(route);
  if (options.replace) {
    const url = new URL(window.location.href);
    url.hash = target;
    window.history.replaceState(window.history.state, '', url);
    // replaceState fires no hashchange: tell the subscribers ourselves.
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else if (window.location.hash !== target) {
    window.location.hash = target;
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const getHash = (): string => window.location.hash;

/** The current route; re-renders on every hash change. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, getHash, () => '');
  return parseHash(hash);
}
