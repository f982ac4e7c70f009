import type { SyncProgress } from '../../connectors/types.js';
import type { SubscriptionRecord } from '../reclamation/types.js';
import type { AliasRecord } from '../store/schema.js';
import type { LiveConnector } from './connection.js';

export interface ActivityOptions {
  aliases: AliasRecord[];
  open: (alias: AliasRecord) => LiveConnector;
  subscriptions: SubscriptionRecord[];
  since: Date;
  progress: (update: Partial<SyncProgress>) => void;
}

/**
 * Pulls activity for every org and moves each subscription's last activity forward. Any
 * error propagates: the pipeline then keeps the previous candidates instead of judging
 * people on activity it failed to read.
 */
export async function applyActivity(options: ActivityOptions): Promise<{ events: number; pages: number }> {
  const byOrg = new Map<string, { byUser: Map<string, SubscriptionRecord>; byEmail: Map<string, SubscriptionRecord> }>();
  for (const sub of options.subscriptions) {
    let index = byOrg.get(sub.orgId);
    if (!index) byOrg.set(sub.orgId, (index = { byUser: new Map(), byEmail: new Map() }));
    index.byUser.set(sub.userId, sub);
    if (sub.email) index.byEmail.set(sub.email.toLowerCase(), sub);
  }
  let events = 0;
  let pages = 0;
  for (const alias of options.aliases) {
    const index = byOrg.get(alias.id);
    const { connector } = options.open(alias);
    for await (const page of connector.activity(options.since)) {
      pages += 1;
      for (const event of page) {
        events += 1;
        const sub = (event.userId && index?.byUser.get(event.userId)) || (event.email && index?.byEmail.get(event.email.toLowerCase()));
        if (!sub) continue;
        if (!sub.lastActivityAt || Date.parse(event.at) > Date.parse(sub.lastActivityAt)) sub.lastActivityAt = new Date(event.at).toISOString();
      }
      options.progress({ phase: 'activity', pages, users: events });
    }
  }
  return { events, pages };
}
