/**
 * SSO sign-ins to one app, from Okta's System Log (user.authentication.sso events whose target
 * is the app), as activity matched by email. Who the app knows the person as comes from the
 * app's assignments: the app username (credentials.userName) is what the SaaS app itself
 * sees, and it can differ from the Okta login in the event (a renamed domain, an app username
 * format of its own). People no longer assigned fall back to the event's login.
 */
import type { HttpClient } from '../http/client.js';
import { ActivityUnavailableError, ConnectorError } from '../http/errors.js';
import type { ActivityRecord, GrantType } from '../types.js';
import {
  appUserSchema,
  eq,
  logEventSchema,
  OKTA_APP_USERS_PAGE_MAX,
  OKTA_LOGS_PAGE_MAX,
  oktaErrorMessage,
  oktaPath,
  type OktaAppUser,
  type OktaLogEvent,
} from './api.js';
import { OKTA_LOG_RETENTION_DAYS, OKTA_READ_ONLY_ROLE, OKTA_SCOPES } from './descriptor.js';
import { oktaPages } from './pages.js';

const DAY_MS = 86_400_000;
export const SSO_EVENT_TYPE = 'user.authentication.sso';

/** Only a sign-in that went through counts: a sign-on policy's DENY is not use of the app. */
export function ssoFilter(appId: string): string {
  return [eq('eventType', SSO_EVENT_TYPE), eq('target.id', appId), eq('outcome.result', 'SUCCESS')].join(' and ');
}

/** What the admin must change when Okta refuses the System Log, for the way Seatwise signs in. */
export function systemLogUnavailable(status: number, body: unknown, grantType: GrantType): ActivityUnavailableError {
  const said = oktaErrorMessage(body) ?? `HTTP ${status}`;
  const fix =
    grantType === 'client_credentials'
      ? `grant the ${OKTA_SCOPES.logs} scope to the Seatwise service app (its Okta API Scopes tab) and give the app an admin role that may view the System Log (${OKTA_READ_ONLY_ROLE} is enough)`
      : `create the API token as an administrator whose role may view the System Log (${OKTA_READ_ONLY_ROLE} is enough; a custom role needs the permission to view the System Log)`;
  return new ActivityUnavailableError(`Okta refused to let this connection read the System Log (${said}), so Seatwise has no SSO sign-ins from Okta: ${fix}.`);
}

function looksLikeEmail(value: string | null | undefined): value is string {
  return typeof value === 'string' && /^[^@\s]+@[^@\s]+$/.test(value.trim());
}

/** The address the app knows the person by: its username when that is an address, else the app profile's email. */
function assignedEmail(a: OktaAppUser): string | undefined {
  const userName = a.credentials?.userName;
  if (looksLikeEmail(userName)) return userName.trim();
  const email = a.profile?.email;
  return typeof email === 'string' && looksLikeEmail(email) ? email.trim() : undefined;
}

export interface SignInsRequest {
  http: HttpClient;
  appId: string;
  since: Date;
  now: Date;
  grantType: GrantType;
  signal: AbortSignal;
  progress: (message: string) => void;
}

/** Okta user id -> the email the app knows them by. A refusal leaves the events' logins to match on. */
async function assignmentEmails(request: SignInsRequest): Promise<Map<string, string>> {
  const emails = new Map<string, string>();
  const path = `/api/v1/apps/${encodeURIComponent(request.appId)}/users`;
  try {
    for await (const page of oktaPages({
      http: request.http,
      first: oktaPath(path, { limit: OKTA_APP_USERS_PAGE_MAX }),
      item: appUserSchema,
      what: 'app assignments',
      limit: OKTA_APP_USERS_PAGE_MAX,
      signal: request.signal,
    })) {
      for (const a of page) {
        const email = assignedEmail(a);
        if (email) emails.set(a.id, email);
      }
    }
  } catch (err) {
    if (!(err instanceof ConnectorError) || err.code !== 'forbidden') throw err;
    request.progress(
      `Okta refused the app's assignments (${err.options.vendorMessage ?? 'HTTP 403'}): sign-ins are matched by Okta login, which may differ from the address the app knows. Give the connection ${OKTA_SCOPES.apps} or the ${OKTA_READ_ONLY_ROLE} role.`,
    );
  }
  return emails;
}

function toRecord(e: OktaLogEvent, emails: Map<string, string>): ActivityRecord | undefined {
  // The filter already asks for SUCCESS; an event without the outcome or an actor is no sign-in to match.
  if (e.outcome?.result && e.outcome.result !== 'SUCCESS') return undefined;
  const actorId = e.actor?.id ?? undefined;
  const login = e.actor?.alternateId;
  const email = (actorId ? emails.get(actorId) : undefined) ?? (looksLikeEmail(login) ? login.trim() : undefined);
  if (!email) return undefined;
  const at = Date.parse(e.published);
  if (Number.isNaN(at)) throw new ConnectorError('malformed', 'Okta returned a System Log event whose published time is not a date (GET /api/v1/logs).');
  return { email, at: new Date(at).toISOString() };
}

export async function* ssoSignIns(request: SignInsRequest): AsyncGenerator<ActivityRecord[]> {
  const emails = await assignmentEmails(request);
  // Okta keeps 90 days; asking further back returns nothing more. `until` makes the query
  // bounded: without it Okta treats it as polling and hands out a next link forever.
  const oldest = request.now.getTime() - OKTA_LOG_RETENTION_DAYS * DAY_MS;
  const since = new Date(Math.max(request.since.getTime(), oldest));
  if (since.getTime() >= request.now.getTime()) return;
  for await (const events of oktaPages({
    http: request.http,
    first: oktaPath('/api/v1/logs', {
      since: since.toISOString(),
      until: request.now.toISOString(),
      filter: ssoFilter(request.appId),
      limit: OKTA_LOGS_PAGE_MAX,
      sortOrder: 'ASCENDING',
    }),
    item: logEventSchema,
    what: 'System Log events',
    limit: OKTA_LOGS_PAGE_MAX,
    stopOnEmpty: true,
    acceptStatus: [403],
    onAccepted: (status, body) => systemLogUnavailable(status, body, request.grantType),
    signal: request.signal,
  })) {
    const records = events.map((e) => toRecord(e, emails)).filter((r): r is ActivityRecord => r !== undefined);
    if (records.length > 0) yield records;
  }
}
