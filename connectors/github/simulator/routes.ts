/**
 * The GitHub REST endpoints the connector uses, following GitHub's OpenAPI description and
 * documentation: the Copilot user management endpoints of an organization (seat listing with
 * Link paging, seat breakdown and settings, one member's seat, cancel and add seats), the
 * authenticated user and the organization. Each request is checked as GitHub does: User-Agent,
 * API version, rate limits, then the token's access (classic scopes, fine-grained or GitHub App
 * permission, organization ownership), answering GitHub's error bodies and headers.
 */
import { bearerToken, json, Router, type RouteHandler, type SimRequest, type SimResponse } from '../../simulator-kit/index.js';
import { GithubRateLimits } from './rate-limit.js';
import type { GithubSeedMember } from './seed.js';
import { GITHUB_DOCS, githubErrorBody, isOwner, type Access, type GithubSimState, type SimOrg, type SimToken } from './state.js';
import { orgDetailsView, orgView, privateUserView, seatView } from './views.js';

export const GITHUB_API_VERSIONS: readonly string[] = ['2022-11-28', '2026-03-10'];
export const GITHUB_DEFAULT_PER_PAGE = 50;
export const GITHUB_MAX_PER_PAGE = 100;

/** GitHub's answer when a request has no User-Agent ("User agent required"). */
export const USER_AGENT_MESSAGE =
  'Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required). Check https://developer.github.com for other possible causes.';
/**
 * 422 answers. The OpenAPI description declares these without a body; the wording for a
 * team-assigned seat follows its description of the 422, the one for "all members" is the
 * answer GitHub users report, and the one for non-members is the simulator's own.
 */
export const GITHUB_422 = {
  allMembers: 'Your organization has enabled Copilot access for all members. Enable access for selected members in order to manage seats via the API.',
  notEnabled: 'Copilot Business or Enterprise is not enabled for this organization, or its seat management setting is unconfigured.',
  team: "A user's seat cannot be cancelled because it was assigned to them via a team.",
  notMembers: 'The following users are not members of the organization: {logins}.',
} as const;

const READ_SCOPES = ['manage_billing:copilot', 'read:org', 'admin:org'];
const WRITE_SCOPES = ['manage_billing:copilot', 'admin:org'];
const ACCEPTED: Record<Access, string> = { read: 'manage_billing:copilot, read:org', write: 'manage_billing:copilot, admin:org' };

/** An error answered with GitHub's body, the documentation link of the endpoint, and headers. */
export class GithubFault extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly documentationUrl: string = GITHUB_DOCS.rest,
    readonly headers: Record<string, string> = {},
    readonly errors?: unknown[],
  ) {
    super(message);
  }
}

interface Caller {
  token: SimToken;
  /** Headers the answer carries (what the token has, what the endpoint accepts). */
  headers: Record<string, string>;
}

const notFound = (docs: string, headers?: Record<string, string>): GithubFault => new GithubFault(404, 'Not Found', docs, headers);

export function githubRoutes(state: GithubSimState): Router {
  const router = new Router();
  const limits = new GithubRateLimits(state);
  let requests = 0;

  const endpoint =
    (handler: (req: SimRequest, caller: Caller) => SimResponse): RouteHandler =>
    (req) => {
      const raw = bearerToken(req) ?? '';
      const token = state.tokens.get(raw);
      const requestId = `C0DE:${(++requests).toString(16).toUpperCase().padStart(6, '0')}:5EA7`;
      const base: Record<string, string> = { 'x-github-request-id': requestId, 'x-github-media-type': 'github.v3; format=json' };
      if (!token) return json(401, githubErrorBody(401, 'Bad credentials', GITHUB_DOCS.rest), base);
      if (token.kind === 'classic') base['x-oauth-scopes'] = token.scopes.join(', ');
      if (!req.headers['user-agent']) return json(403, githubErrorBody(403, USER_AGENT_MESSAGE, GITHUB_DOCS.rest), base);
      const version = req.headers['x-github-api-version'];
      if (typeof version === 'string' && !GITHUB_API_VERSIONS.includes(version)) {
        return json(400, githubErrorBody(400, `API version ${version} is not supported.`, 'https://docs.github.com/rest/overview/api-versions'), base);
      }
      const limited = limits.take(raw, req.method, token.user?.id ?? 0, requestId);
      if (limited) return { ...limited, headers: { ...base, ...limited.headers } };
      const caller: Caller = { token, headers: {} };
      let response: SimResponse;
      try {
        response = handler(req, caller);
      } catch (err) {
        if (!(err instanceof GithubFault)) throw err;
        state.counters.refusals += err.status === 403 || err.status === 404 ? 1 : 0;
        response = json(err.status, githubErrorBody(err.status, err.message, err.documentationUrl, err.errors), err.headers);
      }
      return { ...response, headers: { ...base, ...limits.headers(raw), ...caller.headers, ...response.headers } };
    };

  /** The organization, if this token may read (or change) its Copilot seats; GitHub's refusal otherwise. */
  function copilotOrg(req: SimRequest, caller: Caller, need: Access, docs: string): SimOrg {
    const o = state.orgs.get((req.params.org ?? '').toLowerCase());
    const { token } = caller;
    if (token.kind === 'classic') caller.headers['x-accepted-oauth-scopes'] = ACCEPTED[need];
    else caller.headers['x-accepted-github-permissions'] = `organization_copilot_seat_management=${need}`;
    if (!o) throw notFound(docs);
    const key = o.org.login.toLowerCase();
    if (token.kind === 'classic') {
      // A token without the scope, or of someone who is not an owner, finds nothing (GitHub's 404 for private resources).
      if (!token.scopes.some((s) => (need === 'read' ? READ_SCOPES : WRITE_SCOPES).includes(s))) throw notFound(docs);
      if (!token.user || !isOwner(o, token.user.login)) throw notFound(docs);
      return o;
    }
    if (!token.orgs.some((org) => org.toLowerCase() === key)) throw notFound(docs);
    if (token.kind === 'fine_grained' && (!token.user || !isOwner(o, token.user.login))) throw notFound(docs);
    const granted = token.copilot;
    if (!granted || (need === 'write' && granted !== 'write')) {
      throw new GithubFault(403, `Resource not accessible by ${token.kind === 'app' ? 'integration' : 'personal access token'}`, docs);
    }
    return o;
  }

  const api = (): string => state.origin();
  const linkOrigin = (): string => state.knobs().nextLinkOrigin ?? state.origin();

  router.get(
    '/user',
    endpoint((_req, { token }) => {
      if (!token.user) throw new GithubFault(403, 'Resource not accessible by integration', GITHUB_DOCS.user);
      return json(200, privateUserView(token.user, api()));
    }),
  );

  router.get(
    '/orgs/:org',
    endpoint((req) => {
      const o = state.orgs.get((req.params.org ?? '').toLowerCase());
      if (!o) throw notFound(GITHUB_DOCS.org);
      return json(200, orgView(o.org, api()));
    }),
  );

  router.get(
    '/orgs/:org/copilot/billing',
    endpoint((req, caller) => {
      const o = copilotOrg(req, caller, 'read', GITHUB_DOCS.details);
      return json(200, orgDetailsView(o.org));
    }),
  );

  router.get(
    '/orgs/:org/copilot/billing/seats',
    endpoint((req, caller) => {
      const o = copilotOrg(req, caller, 'read', GITHUB_DOCS.seats);
      const perPage = intParam(req.query, 'per_page', GITHUB_DEFAULT_PER_PAGE, GITHUB_MAX_PER_PAGE);
      const page = intParam(req.query, 'page', 1, Number.MAX_SAFE_INTEGER);
      const holders = o.org.members.filter((m) => m.seat);
      const last = Math.max(1, Math.ceil(holders.length / perPage));
      const start = (page - 1) * perPage;
      const seats = holders.slice(start, start + perPage).map((m) => seatView(m, api(), o.org));
      const link = linkHeader(`${linkOrigin()}${req.path}`, req.query, page, last);
      return json(200, { total_seats: holders.length, seats }, link ? { link } : {});
    }),
  );

  router.get(
    '/orgs/:org/members/:username/copilot',
    endpoint((req, caller) => {
      const o = copilotOrg(req, caller, 'read', GITHUB_DOCS.memberSeat);
      const m = o.byLogin.get((req.params.username ?? '').toLowerCase());
      if (!m?.seat) throw notFound(GITHUB_DOCS.memberSeat);
      return json(200, seatView(m, api(), o.org));
    }),
  );

  router.delete(
    '/orgs/:org/copilot/billing/selected_users',
    endpoint((req, caller) => {
      const o = copilotOrg(req, caller, 'write', GITHUB_DOCS.cancel);
      const logins = selectedUsernames(req.body, GITHUB_DOCS.cancel);
      requireSelectedSetting(o, GITHUB_DOCS.cancel);
      const members = logins.map((l) => o.byLogin.get(l.toLowerCase())).filter((m): m is GithubSeedMember => m !== undefined);
      if (members.some((m) => m.seat?.teamSlug)) throw new GithubFault(422, GITHUB_422.team, GITHUB_DOCS.cancel);
      let cancelled = 0;
      for (const m of new Set(members)) {
        if (!m.seat || m.seat.pendingCancellationDate) continue;
        m.seat.pendingCancellationDate = o.org.nextCycleStart;
        cancelled += 1;
      }
      return json(200, { seats_cancelled: cancelled });
    }),
  );

  router.post(
    '/orgs/:org/copilot/billing/selected_users',
    endpoint((req, caller) => {
      const o = copilotOrg(req, caller, 'write', GITHUB_DOCS.add);
      const logins = selectedUsernames(req.body, GITHUB_DOCS.add);
      requireSelectedSetting(o, GITHUB_DOCS.add);
      const unknown = logins.filter((l) => !o.byLogin.has(l.toLowerCase()));
      if (unknown.length) throw new GithubFault(422, GITHUB_422.notMembers.replace('{logins}', unknown.join(', ')), GITHUB_DOCS.add);
      let created = 0;
      for (const m of new Set(logins.map((l) => o.byLogin.get(l.toLowerCase())!))) {
        // "new seats that were created and existing seats that were refreshed": a pending cancellation is lifted.
        if (m.seat) delete m.seat.pendingCancellationDate;
        else m.seat = { createdAt: new Date(state.clock()).toISOString().replace(/\.\d{3}Z$/, 'Z'), planType: o.org.planType };
        created += 1;
      }
      return json(201, { seats_created: created });
    }),
  );

  return router;
}

/** GitHub reads per_page and page leniently: a value it cannot use falls back, per_page is capped at 100. */
function intParam(query: URLSearchParams, name: string, fallback: number, max: number): number {
  const raw = query.get(name);
  const n = raw !== null && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) return fallback;
  return Math.min(n, max);
}

/** GitHub's Link header: next and last before the last page, prev and first after the first. */
function linkHeader(url: string, query: URLSearchParams, page: number, last: number): string | undefined {
  const at = (p: number): string => {
    const q = new URLSearchParams(query);
    q.set('page', String(p));
    return `<${url}?${q.toString()}>`;
  };
  const parts: string[] = [];
  if (page > 1) parts.push(`${at(Math.min(page - 1, last))}; rel="prev"`);
  if (page < last) parts.push(`${at(page + 1)}; rel="next"`, `${at(last)}; rel="last"`);
  if (page > 1) parts.push(`${at(1)}; rel="first"`);
  return parts.length ? parts.join(', ') : undefined;
}

/** The request body's selected_usernames: required, an array of at least one string. */
function selectedUsernames(body: unknown, docs: string): string[] {
  const value = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>).selected_usernames : undefined;
  if (value === undefined) throw new GithubFault(422, 'Invalid request.\n\n"selected_usernames" wasn\'t supplied.', docs);
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new GithubFault(422, 'Invalid request.\n\nFor \'properties/selected_usernames\', the value is not an array of strings.', docs);
  }
  if (value.length === 0) throw new GithubFault(422, 'Invalid request.\n\nFor \'properties/selected_usernames\', [] should have at least 1 item(s).', docs);
  return value as string[];
}

function requireSelectedSetting(o: SimOrg, docs: string): void {
  const setting = o.org.seatManagementSetting;
  if (setting === 'assign_all') throw new GithubFault(422, GITHUB_422.allMembers, docs);
  if (setting !== 'assign_selected') throw new GithubFault(422, GITHUB_422.notEnabled, docs);
}
