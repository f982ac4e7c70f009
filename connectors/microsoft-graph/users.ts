/**
 * Listing the tenant's users (GET /users), with their sign-in activity where the tenant and the
 * app's permissions allow it. Shared by Microsoft 365 (seats and activity) and Entra ID (the
 * directory).
 *
 * signInActivity is the one property Graph guards on its own: selecting it needs AuditLog.Read.All
 * and an Entra ID P1 or P2 tenant, and without either the whole request is refused (403). The
 * listing then starts again without it, so seats and people still download, and the caller is
 * told why activity is unavailable: no sign-in data is never read as "nobody signed in".
 */
import type { HttpClient } from '../http/client.js';
import { ActivityUnavailableError, ConnectorError } from '../http/errors.js';
import { graphErrorCode, graphErrorMessage, GRAPH_CODES } from './errors.js';
import { graphPages } from './pages.js';
import { userSchema, type GraphUser } from './schemas.js';

/** GET /users serves at most 999 users a page (List users, "Optional query parameters"). */
export const USERS_MAX_PAGE = 999;
/**
 * With signInActivity selected the page is smaller: 500 in the current List users reference,
 * 120 when Microsoft introduced the limit in 2023. Seatwise asks for 500 and, if Graph answers
 * "Cannot query data for more than N users at a time", asks again with N.
 */
export const SIGN_IN_ACTIVITY_MAX_PAGE = 500;

/** Where sign-in data comes from and what it needs, for the messages. */
export const SIGN_IN_NEEDS =
  'the application permission AuditLog.Read.All (with admin consent) and a Microsoft Entra ID P1 or P2 license in the tenant (part of Microsoft 365 E3, E5 and Business Premium and of EMS, not of Office 365 E1, E3 or E5)';

/** The refusal that makes sign-in data unavailable: the tenant's plan, or the app's permissions. */
export function signInsUnavailable(status: number, body: unknown, what: string): ActivityUnavailableError | undefined {
  if (status !== 403) return undefined;
  const code = graphErrorCode(body);
  const said = graphErrorMessage(body) ?? `HTTP ${status}`;
  if (code === GRAPH_CODES.nonPremiumTenant) {
    return new ActivityUnavailableError(
      `Microsoft Graph gives no ${what} for this tenant: ${said}. It needs a Microsoft Entra ID P1 or P2 license in the tenant; without one Seatwise makes no inactivity candidates.`,
    );
  }
  if (code === GRAPH_CODES.permissionMissing) {
    return new ActivityUnavailableError(
      `The app registration may not read ${what}: ${said}. Grant it the application permission AuditLog.Read.All with admin consent (Entra admin center > App registrations > API permissions); until then Seatwise makes no inactivity candidates.`,
    );
  }
  return undefined;
}

/** The later of the last interactive and the last non-interactive sign-in, or undefined when neither. */
export function lastSignIn(user: Pick<GraphUser, 'signInActivity'>): string | undefined {
  const a = user.signInActivity?.lastSignInDateTime;
  const b = user.signInActivity?.lastNonInteractiveSignInDateTime;
  const times = [a, b].filter((t): t is string => typeof t === 'string').map((t) => Date.parse(t));
  return times.length ? new Date(Math.max(...times)).toISOString() : undefined;
}

export interface UserListingOptions {
  http: HttpClient;
  /** The user properties to select; signInActivity is added when `signIns` is set. */
  select: readonly string[];
  signIns: boolean;
  signal?: AbortSignal;
  /** Told once when Graph refused sign-in data and the listing went on without it. */
  onSignInsUnavailable?: (reason: ActivityUnavailableError) => void;
}

/** A 400 or 403 handed back by the client while sign-ins are asked for: decided here. */
class Refused extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
  }
}

const PAGE_LIMIT = /more than (\d{1,4}) users at a time/i;

export async function* graphUsers(options: UserListingOptions): AsyncGenerator<GraphUser[]> {
  const { http } = options;
  let withSignIns = options.signIns;
  let top = withSignIns ? SIGN_IN_ACTIVITY_MAX_PAGE : USERS_MAX_PAGE;
  for (let attempt = 0; ; attempt += 1) {
    const select = withSignIns ? [...options.select, 'signInActivity'] : [...options.select];
    let yielded = false;
    try {
      for await (const page of graphPages({
        http,
        what: 'users',
        item: userSchema,
        top,
        key: (u) => u.id,
        signal: options.signal,
        request: { url: '/users', query: { $select: select.join(','), $top: top }, acceptStatus: withSignIns ? [400, 403] : undefined },
        onAccepted: (status, body) => new Refused(status, body),
      })) {
        yielded = true;
        yield page;
      }
      return;
    } catch (err) {
      if (!(err instanceof Refused)) throw err;
      // Half a listing cannot be started again without counting its seats twice.
      if (yielded) throw refusedError(err);
      const unavailable = signInsUnavailable(err.status, err.body, 'sign-in activity (signInActivity)');
      if (unavailable) {
        options.onSignInsUnavailable?.(unavailable);
        withSignIns = false;
        top = USERS_MAX_PAGE;
        continue;
      }
      const limit = err.status === 400 ? pageLimit(err.body) : undefined;
      if (limit !== undefined && limit < top && attempt < 3) {
        top = limit;
        continue;
      }
      throw refusedError(err);
    }
  }
}

function pageLimit(body: unknown): number | undefined {
  const match = PAGE_LIMIT.exec(graphErrorMessage(body) ?? '');
  const n = match ? Number(match[1]) : NaN;
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}

/** The error the client would have thrown for a 400 or 403 it handed back. */
function refusedError(err: Refused): ConnectorError {
  const said = graphErrorMessage(err.body) ?? `HTTP ${err.status}`;
  const label = 'GET /users';
  return err.status === 403
    ? new ConnectorError('forbidden', `Microsoft Graph refused the request (${label}): ${said}. The app registration may lack an application permission.`, { status: err.status, vendorMessage: said })
    : new ConnectorError('bad_request', `Microsoft Graph rejected the request (${label}) with HTTP ${err.status}: ${said}.`, { status: err.status, vendorMessage: said });
}
