import type { SeatRecord, SyncProgress } from '../../connectors/types.js';
import type { SubscriptionRecord } from '../reclamation/types.js';
import type { PreviousSeats } from '../store/previous-seats.js';
import type { AliasRecord, Snapshot } from '../store/schema.js';
import type { LiveConnector } from './connection.js';

export interface DownloadResult {
  subscriptions: SubscriptionRecord[];
  orgs: Snapshot['orgs'];
  pages: number;
}

export interface DownloadOptions {
  profileId: string;
  aliases: AliasRecord[];
  open: (alias: AliasRecord) => Promise<LiveConnector>;
  /** The last committed snapshot's seats: what each new seat is merged with. */
  previous: PreviousSeats | null;
  now: Date;
  progress: (update: Partial<SyncProgress>) => void;
  /** Called with each org's connected account, so the alias record shows "connected as". */
  onWhoami?: (aliasId: string, who: { userId: string; name: string; email?: string }) => void;
}

export const subscriptionId = (orgId: string, userId: string): string => `${orgId}:${userId}`;

/**
 * Downloads every org of a profile into memory. Nothing is written here: the pipeline
 * commits the result only once every org and every page has arrived.
 */
export async function download(options: DownloadOptions): Promise<DownloadResult> {
  const previous = options.previous;
  const nowIso = options.now.toISOString();
  const subscriptions: SubscriptionRecord[] = [];
  const orgs: Snapshot['orgs'] = [];
  let pages = 0;

  for (const alias of options.aliases) {
    const { connector } = await options.open(alias);
    const me = await connector.whoami();
    options.onWhoami?.(alias.id, me);
    orgs.push({ aliasId: alias.id, label: alias.label, connectedUserId: me.userId });
    for await (const page of connector.subscriptions()) {
      pages += 1;
      for (const seat of page) subscriptions.push(toRecord(seat, options.profileId, alias.id, me.userId, previous, nowIso));
      options.progress({ phase: 'download', pages, users: subscriptions.length });
    }
  }
  return { subscriptions, orgs, pages };
}

function later(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/**
 * A string from the previous snapshot where the vendor still says the same: a repeat sync then
 * holds one copy of each name and email, not the old and the new side by side.
 */
const same = <T extends string | undefined>(before: T | undefined, now: T): T => (before === now ? (before as T) : now);

function toRecord(
  seat: SeatRecord,
  profileId: string,
  orgId: string,
  connectedUserId: string,
  previous: PreviousSeats | null,
  nowIso: string,
): SubscriptionRecord {
  const key = subscriptionId(orgId, seat.userId);
  const before = previous?.get(key);
  const lastActivityAt = later(before?.lastActivityAt, seat.lastActivityAt);
  // The source goes with the date: kept while the earlier SSO sign-in is still the latest.
  const keepsSource = before?.lastActivitySource !== undefined && lastActivityAt === before.lastActivityAt;
  const reclaimRef = same(before?.reclaimRef, seat.reclaimRef);
  return {
    id: before?.id ?? key,
    profileId,
    orgId,
    userId: before?.userId ?? seat.userId,
    email: same(before?.email, seat.email),
    name: same(before?.name, seat.name),
    licenseType: same(before?.licenseType, seat.licenseType),
    active: seat.active,
    admin: seat.admin,
    owner: seat.owner,
    paid: seat.paid,
    connectedAccount: seat.userId === connectedUserId,
    startedAt: same(before?.startedAt, seat.startedAt) ?? before?.startedAt,
    // Last activity never goes backwards: a vendor that forgets old logins must not make someone look idle.
    lastActivityAt,
    firstSeenAt: before?.firstSeenAt ?? nowIso,
    lastSeenAt: nowIso,
    ...(reclaimRef ? { reclaimRef } : {}),
    ...(keepsSource ? { lastActivitySource: before.lastActivitySource } : {}),
  };
}
