/**
 * Calendly activity: the organization's activity log where the plan has one (Enterprise),
 * otherwise each member's latest scheduled event, fetched in parallel within the rate limit.
 *
 * The fallback needs the member list. It pages the memberships again rather than taking the
 * seats from the download step: the Connector interface hands activity() only `since`, the
 * extra listing costs one request per 100 members next to one per member for the events, and
 * it keeps activity() correct on its own (a probe, a rerun after a failed download).
 */
import { ActivityUnavailableError, ConnectorError } from '../http/errors.js';
import type { ActivityRecord, ConnectorContext } from '../types.js';
import {
  activityEntrySchema,
  calendlyErrorMessage,
  collectionSchema,
  membershipSchema,
  parseCalendly,
  scheduledEventSchema,
  type CalendlyActivityEntry,
  type CalendlyMembership,
} from './api.js';
import { CALENDLY_MAX_PARALLEL } from './http-options.js';
import { CALENDLY_PAGE_SIZE, calendlyPages } from './pages.js';
import { forEachWithinRateLimit, RateBudget } from './parallel.js';

/** What Calendly says for a user removed from the organization after the member listing. */
const NOT_IN_ORGANIZATION = 'This user is not in your organization';

/** The activity log refused on its first page: the plan (or role) has none, try the fallback. */
class ActivityLogDenied extends ConnectorError {
  constructor(readonly reason: string) {
    super('forbidden', `Calendly refused the activity log: ${reason}`, { status: 403, vendorMessage: reason });
  }
}

/** Scheduled events refused too: no activity signal at all for this connection. */
class ScheduledEventsDenied extends ConnectorError {
  constructor(readonly reason: string) {
    super('forbidden', `Calendly refused the scheduled events: ${reason}`, { status: 403, vendorMessage: reason });
  }
}

export async function* calendlyActivity(ctx: ConnectorContext, organization: string, since: Date): AsyncGenerator<ActivityRecord[]> {
  let denied: ActivityLogDenied | undefined;
  let yielded = false;
  try {
    for await (const records of activityLog(ctx, organization, since)) {
      yielded = true;
      yield records;
    }
    return;
  } catch (err) {
    if (!(err instanceof ActivityLogDenied) || yielded) throw err;
    denied = err;
  }
  ctx.progress({
    phase: 'activity',
    message: `Calendly has no activity log for this connection (${denied.reason}); using each member's latest scheduled event instead.`,
  });
  try {
    yield* latestScheduledEvents(ctx, organization, since);
  } catch (err) {
    if (!(err instanceof ScheduledEventsDenied)) throw err;
    throw new ActivityUnavailableError(
      `Activity is not available for this Calendly organization: the activity log answered "${denied.reason}" and scheduled events answered "${err.reason}". Connect an owner or admin account (the activity log also needs the Enterprise plan).`,
    );
  }
}

async function* activityLog(ctx: ConnectorContext, organization: string, since: Date): AsyncGenerator<ActivityRecord[]> {
  let pages = 0;
  const users = new Set<string>();
  for await (const entries of calendlyPages({
    http: ctx.http,
    what: 'activity log entries',
    item: activityEntrySchema,
    signal: ctx.signal,
    request: {
      url: '/activity_log_entries',
      // max_occurred_at bounds the listing: entries arriving during the sync belong to the next one.
      query: {
        organization,
        min_occurred_at: since.toISOString(),
        max_occurred_at: ctx.now().toISOString(),
        count: CALENDLY_PAGE_SIZE,
      },
      acceptStatus: [403],
    },
    onAccepted: (_status, body, page) => {
      const reason = calendlyErrorMessage(body) ?? 'HTTP 403';
      return page === 0
        ? new ActivityLogDenied(reason)
        : new ConnectorError('forbidden', `Calendly stopped allowing the activity log part way through: ${reason}`, { status: 403, vendorMessage: reason });
    },
  })) {
    const records = entries.flatMap(entryToRecord);
    pages += 1;
    for (const r of records) if (r.userId) users.add(r.userId);
    ctx.progress({ phase: 'activity', pages, users: users.size });
    yield records;
  }
}

/** Only people count: entries by "Calendly System" or without a user URI say nothing about a seat. */
function entryToRecord(entry: CalendlyActivityEntry): ActivityRecord[] {
  const actor = entry.actor;
  if (!actor?.uri || (actor.type ?? '').toLowerCase() !== 'user') return [];
  const email = actor.alternative_identifier?.includes('@') ? actor.alternative_identifier : undefined;
  return [{ userId: actor.uri, email, at: entry.occurred_at }];
}

async function* latestScheduledEvents(ctx: ConnectorContext, organization: string, since: Date): AsyncGenerator<ActivityRecord[]> {
  const budget = new RateBudget(CALENDLY_MAX_PARALLEL);
  const now = ctx.now();
  let pages = 0;
  let users = 0;
  // One page of members at a time: memory stays flat and progress moves per hundred members.
  for await (const members of calendlyPages({
    http: ctx.http,
    what: 'organization memberships',
    item: membershipSchema,
    signal: ctx.signal,
    request: { url: '/organization_memberships', query: { organization, count: CALENDLY_PAGE_SIZE } },
    onResponse: (headers) => budget.observe(headers, 0),
  })) {
    const found: Array<ActivityRecord | undefined> = new Array(members.length);
    await forEachWithinRateLimit(members, budget, async (member, index) => {
      const result = await latestEventOf(ctx, organization, member, since, now);
      found[index] = result.record;
      return result.headers;
    });
    pages += 1;
    users += members.length;
    ctx.progress({ phase: 'activity', pages, users });
    yield found.filter((r): r is ActivityRecord => r !== undefined);
  }
}

async function latestEventOf(
  ctx: ConnectorContext,
  organization: string,
  member: CalendlyMembership,
  since: Date,
  now: Date,
): Promise<{ record?: ActivityRecord; headers: Headers }> {
  const res = await ctx.http.request({
    url: '/scheduled_events',
    query: { organization, user: member.user.uri, min_start_time: since.toISOString(), sort: 'start_time:desc', count: 1 },
    acceptStatus: [403],
  });
  if (res.status === 403) {
    const reason = calendlyErrorMessage(res.body) ?? 'HTTP 403';
    // Removed after the member listing: no seat left to judge, and nobody else is affected.
    if (reason.startsWith(NOT_IN_ORGANIZATION)) return { headers: res.headers };
    throw new ScheduledEventsDenied(reason);
  }
  const latest = parseCalendly(collectionSchema(scheduledEventSchema), res.body, 'GET /scheduled_events').collection[0];
  if (!latest) return { headers: res.headers };
  // An upcoming meeting means the seat is in use now; a future date would also make the
  // stored last activity (which never goes backwards) stick in the future.
  const at = new Date(Math.min(Date.parse(latest.start_time), now.getTime())).toISOString();
  return { record: { userId: member.user.uri, email: member.user.email, at }, headers: res.headers };
}
