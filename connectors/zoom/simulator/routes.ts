/**
 * The Zoom API endpoints the connector uses, following Zoom's public reference: List users
 * (next_page_token paging, status filter), Get a user ("me" included), Update a user (its
 * `type`), Get plan usage. Each endpoint checks the token's scopes first, granular or classic,
 * answering Zoom's 4711, then its rate-limit category, as Zoom's gateway does.
 */
import { bearerToken, empty, json, Router, type RouteHandler, type SimRequest, type SimResponse } from '../../simulator-kit/index.js';
import { ZoomFault } from './fault.js';
import { cursorPosition, issueCursor, parsePageSize } from './paging.js';
import { ZoomRateLimits } from './rate-limit.js';
import { ZOOM_ROLE, ZOOM_TYPE, holdsLicense, type ZoomSeedUser, type ZoomUserStatus } from './seed.js';
import { zoomErrorBody, type ZoomCategory, type ZoomSimAccount, type ZoomSimState } from './state.js';

export const ZOOM_BASE_PATH = '/v2';

/** Zoom's error codes the simulator answers with. */
export const ZOOM_CODES = { invalidToken: 124, invalidField: 300, userNotFound: 1001, missingScope: 4711, paidOnly: 200 } as const;

/**
 * Assigning a license when every license is in use. Zoom refuses it with HTTP 400; the exact
 * code and wording are not in its public reference, so this one is the simulator's own.
 */
export const ZOOM_NO_LICENSE = { code: 2034, message: 'Your request to update the user type failed: all the licenses in your plan are assigned. Buy more licenses or free one first.' } as const;

interface EndpointSpec {
  category: ZoomCategory;
  /** Any one of these lets the token in (granular or classic). */
  scopes: readonly string[];
}

interface Caller {
  account: ZoomSimAccount;
}

const SCOPES = {
  listUsers: ['user:read:list_users:admin', 'user:read:admin'],
  readUser: ['user:read:user:admin', 'user:read:admin'],
  updateUser: ['user:update:user:admin', 'user:write:admin'],
  planUsage: ['billing:read:plan_usage:admin', 'account:read:admin'],
} as const;

const STATUSES: ReadonlySet<string> = new Set<ZoomUserStatus>(['active', 'inactive', 'pending']);
const SETTABLE_TYPES: ReadonlySet<number> = new Set([ZOOM_TYPE.basic, ZOOM_TYPE.licensed, ZOOM_TYPE.unassigned]);
const ROLE_NAMES: Readonly<Record<string, string>> = { [ZOOM_ROLE.owner]: 'Owner', [ZOOM_ROLE.admin]: 'Admin', [ZOOM_ROLE.member]: 'Member' };

export function zoomRoutes(state: ZoomSimState): Router {
  const router = new Router();
  const limits = new ZoomRateLimits(state);
  const p = (path: string): string => `${ZOOM_BASE_PATH}${path}`;

  const endpoint =
    (spec: EndpointSpec, handler: (req: SimRequest, caller: Caller) => SimResponse): RouteHandler =>
    (req) => {
      // The guard let only live tokens through; a token of an account that is gone is invalid too.
      const issued = state.tokens.get(bearerToken(req) ?? '');
      const account = issued ? state.accounts.get(issued.accountId) : undefined;
      if (!issued || !account) return json(401, zoomErrorBody(401, 'Invalid access token.', ZOOM_CODES.invalidToken));
      if (!spec.scopes.some((s) => issued.scopes.has(s))) {
        state.counters.scopeRefusals += 1;
        return json(400, zoomErrorBody(400, `Invalid access token, does not contain scopes:[${spec.scopes.join(', ')}].`, ZOOM_CODES.missingScope));
      }
      const limited = limits.take(account.org.accountId, spec.category);
      if (limited) return limited;
      try {
        return handler(req, { account });
      } catch (err) {
        if (err instanceof ZoomFault) return err.response();
        throw err;
      }
    };

  router.get(
    p('/users'),
    endpoint({ category: 'Medium', scopes: SCOPES.listUsers }, (req, { account }) => {
      const status = req.query.get('status') || 'active';
      if (!STATUSES.has(status)) throw new ZoomFault(400, ZOOM_CODES.invalidField, `Invalid field: status ${status}.`);
      const pageSize = parsePageSize(req.query);
      const accountId = account.org.accountId;
      const position = cursorPosition(state, req.query, accountId, status as ZoomUserStatus);
      const matching = account.org.users.filter((u) => u.status === status);
      const end = Math.min(position + pageSize, matching.length);
      const next = end < matching.length ? issueCursor(state, { accountId, status: status as ZoomUserStatus, position: end }) : '';
      return json(200, {
        page_count: Math.ceil(matching.length / pageSize),
        page_number: 1,
        page_size: pageSize,
        total_records: matching.length,
        next_page_token: next,
        users: matching.slice(position, end).map((u) => listedUser(u)),
      });
    }),
  );

  router.get(
    p('/users/:userId'),
    endpoint({ category: 'Light', scopes: SCOPES.readUser }, (req, { account }) => {
      const user = findUser(account, req.params.userId ?? '');
      return json(200, {
        ...listedUser(user),
        role_name: ROLE_NAMES[user.roleId] ?? 'Member',
        account_id: account.org.accountId,
        use_pmi: false,
        personal_meeting_url: `https://zoom.us/j/${user.pmi}`,
      });
    }),
  );

  router.patch(
    p('/users/:userId'),
    endpoint({ category: 'Light', scopes: SCOPES.updateUser }, (req, { account }) => {
      const body = req.body;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new ZoomFault(400, ZOOM_CODES.invalidField, 'Request Body should be a valid JSON object.');
      }
      const user = findUser(account, req.params.userId ?? '');
      if ('type' in body) {
        const type = body.type;
        if (typeof type !== 'number' || !SETTABLE_TYPES.has(type)) throw new ZoomFault(400, ZOOM_CODES.invalidField, `Invalid field: type ${JSON.stringify(type)}.`);
        if (type === ZOOM_TYPE.licensed && user.type !== ZOOM_TYPE.licensed && user.status !== 'inactive') {
          const assigned = account.org.users.filter(holdsLicense).length;
          if (assigned >= account.org.licenses) throw new ZoomFault(400, ZOOM_NO_LICENSE.code, ZOOM_NO_LICENSE.message);
        }
        user.type = type;
      }
      return empty(204);
    }),
  );

  router.get(
    p('/accounts/:accountId/plans/usage'),
    endpoint({ category: 'Heavy', scopes: SCOPES.planUsage }, (req, { account }) => {
      const ref = req.params.accountId ?? '';
      if (ref !== 'me' && ref !== account.org.accountId) throw new ZoomFault(400, ZOOM_CODES.invalidField, `Invalid account id: ${ref}.`);
      if (state.knobs().plan === 'free') throw new ZoomFault(400, ZOOM_CODES.paidOnly, 'Only available for paid account.');
      return json(200, {
        plan_base: { type: 'monthly', hosts: account.org.licenses, usage: account.org.users.filter(holdsLicense).length, pending: 0 },
        plan_large_meeting: [],
        plan_webinar: [],
      });
    }),
  );

  return router;
}

/** A user id or email, or "me" (the account owner: a Server-to-Server app acts for its account). */
function findUser(account: ZoomSimAccount, ref: string): ZoomSeedUser {
  const user = ref === 'me' ? account.byId.get(account.org.ownerId) : (account.byId.get(ref) ?? account.byEmail.get(ref.toLowerCase()));
  if (!user) throw new ZoomFault(404, ZOOM_CODES.userNotFound, `User does not exist: ${ref}.`);
  return user;
}

/** A user as List users shows it; pending users have no id yet. */
function listedUser(u: ZoomSeedUser): Record<string, unknown> {
  const view: Record<string, unknown> = {
    first_name: u.firstName,
    last_name: u.lastName,
    display_name: u.displayName,
    email: u.email,
    type: u.type,
    pmi: u.pmi,
    timezone: u.timezone,
    verified: u.status === 'pending' ? 0 : 1,
    dept: u.dept,
    created_at: u.createdAt,
    user_created_at: u.createdAt,
    language: 'en-US',
    phone_number: '',
    status: u.status,
    role_id: u.roleId,
    group_ids: [],
  };
  if (u.status !== 'pending') view.id = u.id;
  if (u.lastLoginTime) {
    view.last_login_time = u.lastLoginTime;
    view.last_client_version = '6.2.5.41699(mac)';
  }
  return view;
}
