/**
 * Asana's audit log: sign-ins for activity, and license pauses for the download. Only a
 * service account token of an organization on Enterprise+ (or legacy Enterprise, or Enterprise
 * with the Compliance Management add-on) may read it; every refusal becomes an
 * ActivityUnavailableError that says so, never a failed sync.
 */
import type { HttpClient } from '../http/client.js';
import { ActivityUnavailableError, ConnectorError } from '../http/errors.js';
import { asanaErrorMessage, AUDIT_RETENTION_DAYS, auditEventSchema, BILLING_PAUSED, BILLING_UNPAUSED, type AsanaAuditEvent } from './api.js';
import { ASANA_AUDIT_LOG_NEEDS } from './descriptor.js';
import { asanaPages } from './pages.js';

const DAY_MS = 86_400_000;
/**
 * 402: the plan has no audit log. 403: the token may not read it (not a service account's) or
 * the plan lacks it. A 401 is not accepted here: the client must first try its one token
 * refresh, so a 401 arrives as the client's 'unauthorized' error instead (see below).
 */
const REFUSED = [402, 403];
/** Sign-in checks for paused members run a few at a time, well inside Asana's 1500 per minute. */
const LOGIN_CHECKS_IN_FLIGHT = 5;

export interface AuditLogQuery {
  eventType: string;
  start: Date;
  end: Date;
  limit: number;
  actorGid?: string;
  /** One page is enough (a probe, "any sign-in since?"). */
  firstPageOnly?: boolean;
}

export function auditLogUnavailable(status: number, vendorMessage: string | undefined): ActivityUnavailableError {
  const said = vendorMessage ?? `HTTP ${status}`;
  return status === 402
    ? new ActivityUnavailableError(`Activity is not available on this Asana plan: ${said}. Asana's audit log needs ${ASANA_AUDIT_LOG_NEEDS}.`)
    : new ActivityUnavailableError(
        `Activity is not available to this Asana connection: ${said}. Asana's audit log can be read only with ${ASANA_AUDIT_LOG_NEEDS}; personal access tokens and OAuth sign-ins cannot read it.`,
      );
}

export async function* auditLogEvents(
  http: HttpClient,
  workspaceGid: string,
  query: AuditLogQuery,
  signal: AbortSignal,
): AsyncGenerator<AsanaAuditEvent[]> {
  const pages = asanaPages({
    http,
    what: 'audit log events',
    item: auditEventSchema,
    stream: true,
    signal,
    prefetch: !query.firstPageOnly,
    request: {
      url: `/workspaces/${encodeURIComponent(workspaceGid)}/audit_log_events`,
      // end_at bounds the stream: events arriving during the sync belong to the next one.
      query: {
        event_type: query.eventType,
        actor_gid: query.actorGid,
        start_at: query.start.toISOString(),
        end_at: query.end.toISOString(),
        limit: query.limit,
      },
      acceptStatus: REFUSED,
    },
    onAccepted: (status, body) => auditLogUnavailable(status, asanaErrorMessage(body)),
  });
  try {
    for await (const events of pages) {
      yield events;
      if (query.firstPageOnly) return;
    }
  } catch (err) {
    // The client answers a 401 with one token refresh first; a 401 that survives it means the
    // credential works elsewhere (the download ran) but may not read the audit log.
    if (err instanceof ConnectorError && err.code === 'unauthorized' && err.status === 401) {
      throw auditLogUnavailable(401, err.options.vendorMessage);
    }
    throw err;
  }
}

/** Members whose license is paused right now, by user gid and by (lower-case) email. */
export interface PausedMembers {
  /** How many members are paused. */
  count: number;
  gids: Set<string>;
  emails: Set<string>;
  has(gid: string, email: string | null | undefined): boolean;
}

/**
 * Folds the 90 days of domain_user_billing_paused / domain_user_billing_unpaused events: the
 * latest wins. A sign-in after the pause also counts as unpaused, because Asana restores a
 * paused license when the member logs back in ("Pause a member's license", Asana Help) and
 * does not say that it logs an unpause event when it does. A pause older than the log's 90
 * days is not seen: such a member is counted as paid, never the reverse.
 */
export async function pausedMembers(http: HttpClient, workspaceGid: string, now: Date, signal: AbortSignal): Promise<PausedMembers> {
  const start = new Date(now.getTime() - AUDIT_RETENTION_DAYS * DAY_MS);
  const events: Array<{ type: string; at: string; gid?: string; email?: string }> = [];
  for (const eventType of [BILLING_PAUSED, BILLING_UNPAUSED]) {
    for await (const page of auditLogEvents(http, workspaceGid, { eventType, start, end: now, limit: 100 }, signal)) {
      for (const e of page) {
        const gid = e.resource?.gid;
        const email = e.resource?.email?.toLowerCase() ?? undefined;
        if (gid || email) events.push({ type: eventType, at: e.created_at, gid, email });
      }
    }
  }
  // Stable: at the same instant a pause listed before an unpause is undone by it.
  events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const current = new Map<string, { at: string; gid?: string; email?: string }>();
  for (const e of events) {
    const key = e.gid ?? `email:${e.email ?? ''}`;
    if (e.type === BILLING_PAUSED) current.set(key, e);
    else current.delete(key);
  }

  const paused = [...current.values()];
  const restored = new Set<(typeof paused)[number]>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < paused.length) {
      const p = paused[next++] as (typeof paused)[number];
      if (!p.gid) continue;
      const query: AuditLogQuery = { eventType: 'user_login_succeeded', actorGid: p.gid, start: new Date(p.at), end: now, limit: 1, firstPageOnly: true };
      for await (const page of auditLogEvents(http, workspaceGid, query, signal)) if (page.length > 0) restored.add(p);
    }
  };
  await Promise.all(Array.from({ length: Math.min(LOGIN_CHECKS_IN_FLIGHT, paused.length) }, worker));

  const gids = new Set<string>();
  const emails = new Set<string>();
  for (const p of paused) {
    if (restored.has(p)) continue;
    if (p.gid) gids.add(p.gid);
    if (p.email) emails.add(p.email);
  }
  return { count: paused.length - restored.size, gids, emails, has: (gid, email) => gids.has(gid) || (!!email && emails.has(email.toLowerCase())) };
}
