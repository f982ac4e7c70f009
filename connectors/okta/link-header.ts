/**
 * RFC 8288 Link headers as Okta sends them: one `Link` header per relation
 * (`<https://acme.okta.com/api/v1/users?after=00u...&limit=200>; rel="next"`), which fetch
 * joins into one value with ", ". Commas inside `<...>` belong to the URL, so the value is
 * scanned entry by entry instead of split on commas.
 */
import { ConnectorError } from '../http/errors.js';

export interface LinkEntry {
  url: string;
  rels: string[];
}

export function parseLinkHeader(value: string | null): LinkEntry[] {
  if (!value) return [];
  const entries: LinkEntry[] = [];
  let i = 0;
  while (i < value.length) {
    const open = value.indexOf('<', i);
    if (open < 0) break;
    const close = value.indexOf('>', open + 1);
    if (close < 0) break;
    const url = value.slice(open + 1, close).trim();
    // The parameters run to the next entry's "<" (a comma before it separates entries).
    const nextOpen = value.indexOf('<', close + 1);
    const params = value.slice(close + 1, nextOpen < 0 ? value.length : nextOpen);
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;,\s]+))/i.exec(params);
    const rels = (rel?.[1] ?? rel?.[2] ?? '').split(/\s+/).filter(Boolean).map((r) => r.toLowerCase());
    entries.push({ url, rels });
    i = nextOpen < 0 ? value.length : nextOpen;
  }
  return entries;
}

/**
 * The rel="next" target, resolved against the URL that answered (a relative link stays on it).
 * A next link that is not a URL throws: ending the listing there would drop every later page
 * without a word, and a short listing looks like people who left.
 */
export function nextLink(value: string | null, requestUrl: string, label: string): string | undefined {
  const next = parseLinkHeader(value).find((e) => e.rels.includes('next'));
  if (!next) return undefined;
  try {
    return new URL(next.url, requestUrl).toString();
  } catch {
    throw new ConnectorError('malformed', `Okta sent a next-page link that is not a URL (${label}); stopped instead of returning a partial listing.`);
  }
}
