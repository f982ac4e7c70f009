/**
 * Entra ID as a DirectorySource: its users (a disabled account is "suspended"), the enterprise
 * apps people sign in to, and the sign-in log per app, from Microsoft Graph.
 */
import type { HttpClient } from '../http/client.js';
import { ConnectorError } from '../http/errors.js';
import { isGuid } from '../microsoft-graph/defaults.js';
import { graphErrorMessage } from '../microsoft-graph/errors.js';
import { graphPages } from '../microsoft-graph/pages.js';
import { servicePrincipalSchema, signInSchema, type GraphSignIn, type GraphUser } from '../microsoft-graph/schemas.js';
import { graphUsers, lastSignIn, signInsUnavailable } from '../microsoft-graph/users.js';
import type { ActivityRecord, DirectoryApp, DirectoryPerson, DirectorySource, SyncProgress } from '../types.js';

export const PEOPLE_FIELDS = ['id', 'displayName', 'mail', 'userPrincipalName', 'accountEnabled', 'createdDateTime'] as const;
/** GET /servicePrincipals serves up to 999 a page; auditLogs/signIns up to 1,000 (their references). */
const APPS_PAGE = 999;
const SIGN_INS_PAGE = 1000;
/**
 * The service principals Entra shows as enterprise apps (the tag the admin center filters on),
 * not the hundreds of Microsoft's own first-party ones every tenant has.
 */
const ENTERPRISE_APPS = "tags/any(t:t eq 'WindowsAzureActiveDirectoryIntegratedApp')";

export function personOf(user: GraphUser): DirectoryPerson {
  const lastLoginAt = lastSignIn(user);
  return {
    userId: user.id,
    email: user.mail?.trim() || user.userPrincipalName?.trim() || '',
    name: user.displayName?.trim() ?? '',
    // Entra has no "deprovisioned" for a user that still exists: a disabled account (blocked
    // from signing in) is the leaver's state. Deleted users leave the list altogether.
    status: user.accountEnabled === false ? 'suspended' : 'active',
    ...(lastLoginAt ? { lastLoginAt } : {}),
  };
}

/** A successful sign-in: errorCode 0. Failures and interrupted sign-ins are not use of the app. */
function succeeded(s: GraphSignIn): boolean {
  return s.status?.errorCode === 0;
}

/** OData string literal: a quote is doubled. The app id is a GUID anyway (checked before). */
const literal = (value: string): string => `'${value.replaceAll("'", "''")}'`;

export function entraDirectory(http: HttpClient, signal: AbortSignal, progress: (update: Partial<SyncProgress>) => void): DirectorySource {
  return {
    async *people(): AsyncIterable<DirectoryPerson[]> {
      for await (const page of graphUsers({
        http,
        select: PEOPLE_FIELDS,
        signIns: true,
        signal,
        onSignInsUnavailable: (reason) => progress({ message: `${reason.message} People are read without their last sign-in.` }),
      })) {
        yield page.map(personOf);
      }
    },

    async apps(): Promise<DirectoryApp[]> {
      const out: DirectoryApp[] = [];
      for await (const page of graphPages({
        http,
        what: 'enterprise apps',
        item: servicePrincipalSchema,
        top: APPS_PAGE,
        key: (sp) => sp.id,
        signal,
        request: { url: '/servicePrincipals', query: { $select: 'id,appId,displayName,accountEnabled,servicePrincipalType', $filter: ENTERPRISE_APPS, $top: APPS_PAGE } },
      })) {
        // The sign-in log names the app by its application (client) id, so that is the app's id here.
        for (const sp of page) out.push({ id: sp.appId, label: sp.displayName?.trim() || sp.appId });
      }
      return out;
    },

    async *signIns(appId: string, since: Date): AsyncIterable<ActivityRecord[]> {
      if (!isGuid(appId)) throw new ConnectorError('config', `"${appId.slice(0, 80)}" is not the application id of an Entra enterprise app; pick the app from the list Seatwise shows.`);
      const filter = `appId eq ${literal(appId.toLowerCase())} and createdDateTime ge ${since.toISOString()}`;
      for await (const page of graphPages({
        http,
        what: 'sign-ins',
        item: signInSchema,
        top: SIGN_INS_PAGE,
        key: (s) => s.id,
        signal,
        request: { url: '/auditLogs/signIns', query: { $filter: filter, $top: SIGN_INS_PAGE }, acceptStatus: [403] },
        onAccepted: (status, body) =>
          signInsUnavailable(status, body, 'sign-in logs (auditLogs/signIns)') ??
          new ConnectorError('forbidden', `Microsoft Graph refused the sign-in log (GET /auditLogs/signIns): ${graphErrorMessage(body) ?? `HTTP ${status}`}.`, { status }),
      })) {
        // Matched by email in the app's profile: the Entra user id means nothing there.
        const records = page
          .filter((s) => succeeded(s) && (s.appId ?? '').toLowerCase() === appId.toLowerCase() && Date.parse(s.createdDateTime) >= since.getTime())
          .flatMap((s) => (s.userPrincipalName?.trim() ? [{ email: s.userPrincipalName.trim(), at: new Date(s.createdDateTime).toISOString() }] : []));
        if (records.length > 0) yield records;
      }
    },
  };
}
