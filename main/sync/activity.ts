import { emailKey } from '../directory/people.js';
import type { ActivityRecord, SyncProgress } from '../../connectors/types.js';
import type { SubscriptionRecord } from '../reclamation/types.js';
import type { AliasRecord } from '../store/schema.js';
import type { LiveConnector } from './connection.js';

export interface ActivityReadOptions {
  aliases: AliasRecord[];
  open: (alias: AliasRecord) => Promise<LiveConnector>;
  since: Date;
  progress: (update: Partial<SyncProgress>) => void;
}

export interface ActivityRead {
  /** Events per org (alias id), in vendor order. */
  byOrg: Map<string, ActivityRecord[]>;
  events: number;
  pages: number;
}

/**
 * Reads every org's activity since `since`, without touching any seat: the pipeline runs this
 * beside the download (the two page chains do not depend on each other) and applies it only
 * to the download that committed. Any error propagates (ActivityUnavailableError included).
 */
export async function readActivity(options: ActivityReadOptions): Promise<ActivityRead> {
  const byOrg = new Map<string, ActivityRecord[]>();
  let events = 0;
  let pages = 0;
  for (const alias of options.aliases) {
    const list: ActivityRecord[] = [];
    byOrg.set(alias.id, list);
    const { connector } = await options.open(alias);
    for await (const page of connector.activity(options.since)) {
      pages += 1;
      for (const event of page) list.push(event);
      events += page.length;
      options.progress({ phase: 'activity', pages, users: events });
    }
  }
  return { byOrg, events, pages };
}

/**
 * SSO sign-ins to the identity provider app linked to a profile, matched by email across all
 * of its orgs: the identity provider's user ids mean nothing to the app.
 */
export function applySsoActivity(subscriptions: SubscriptionRecord[], events: readonly ActivityRecord[]): number {
  const byEmail = new Map<string, SubscriptionRecord[]>();
  for (const sub of subscriptions) {
    if (!sub.email) continue;
    const key = emailKey(sub.email);
    const list = byEmail.get(key);
    if (list) list.push(sub);
    else byEmail.set(key, [sub]);
  }
  let matched = 0;
  for (const event of events) {
    const subs = event.email ? byEmail.get(emailKey(event.email)) : undefined;
    if (!subs) continue;
    const at = Date.parse(event.at);
    if (!Number.isFinite(at)) continue;
    matched += 1;
    for (const sub of subs) {
      if (!sub.lastActivityAt || at > Date.parse(sub.lastActivityAt)) {
        sub.lastActivityAt = new Date(at).toISOString();
        sub.lastActivitySource = 'sso';
      }
    }
  }
  return matched;
}

/** Moves each subscription's last activity forward with the events read; never backwards. */
export function applyActivity(subscriptions: SubscriptionRecord[], read: ActivityRead): void {
  const byOrg = new Map<string, { byUser: Map<string, SubscriptionRecord>; byEmail: Map<string, SubscriptionRecord> }>();
  for (const sub of subscriptions) {
    let index = byOrg.get(sub.orgId);
    if (!index) byOrg.set(sub.orgId, (index = { byUser: new Map(), byEmail: new Map() }));
    index.byUser.set(sub.userId, sub);
    if (sub.email) index.byEmail.set(sub.email.toLowerCase(), sub);
  }
  for (const [orgId, events] of read.byOrg) {
    const index = byOrg.get(orgId);
    if (!index) continue;
    for (const event of events) {
      const sub = (event.userId && index.byUser.get(event.userId)) || (event.email && index.byEmail.get(event.email.toLowerCase()));
      if (!sub) continue;
      const at = Date.parse(event.at);
      if (!Number.isFinite(at)) continue;
      if (!sub.lastActivityAt || at > Date.parse(sub.lastActivityAt)) {
        sub.lastActivityAt = new Date(at).toISOString();
        delete sub.lastActivitySource;
      }
    }
  }
}
