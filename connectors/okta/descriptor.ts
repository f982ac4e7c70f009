/**
 * How Okta is connected: an API token (SSWS) of a read-only administrator, or an OAuth 2.0
 * service app with client credentials; the least permissions per process; the playbook's
 * vendor-side steps. Okta is read as a directory and SSO source: Seatwise never changes it.
 */
import type { ConnectorDescriptor } from '../types.js';

/** Okta bills per user, so every Okta user who is not deactivated is one paid seat of this type. */
export const OKTA_LICENSE_TYPE = 'Okta user';

/**
 * The Authorization scheme of an Okta API token: `Authorization: SSWS <token>` (Okta, "Create
 * an API token"). The 'token' grant must send this scheme, not Bearer; OAuth access tokens
 * from the service app are sent as `Bearer`.
 */
export const OKTA_TOKEN_SCHEME = 'SSWS';

/**
 * Okta issues access tokens with okta.* scopes to a service app only when it authenticates
 * with a signed JWT (private_key_jwt); a client secret is refused for these scopes.
 */
export const OKTA_SERVICE_APP_CLIENT_AUTH = 'private_key_jwt';

export const OKTA_SCOPES = {
  users: 'okta.users.read',
  apps: 'okta.apps.read',
  logs: 'okta.logs.read',
} as const;

/** The standard role that reads users, apps, assignments and the System Log, and changes nothing. */
export const OKTA_READ_ONLY_ROLE = 'Read-only Administrator';

/** Okta keeps System Log events for 90 days. */
export const OKTA_LOG_RETENTION_DAYS = 90;

/** Okta's org authorization server: the token endpoint for okta.* scopes, on the org's own domain. */
export const OKTA_TOKEN_PATH = '/oauth2/v1/token';

export const oktaDescriptor: ConnectorDescriptor = {
  vendor: 'okta',
  displayName: 'Okta',
  publisher: 'Okta, Inc.',
  product: 'Okta Workforce Identity',
  authMethods: ['token', 'client_credentials'],
  defaults: {
    // No usable default: every Okta org has its own domain (acme.okta.com or a custom domain).
    baseUrl: '',
    tokenScheme: OKTA_TOKEN_SCHEME,
    tokenUrl: `{url}${OKTA_TOKEN_PATH}`,
    scopes: [OKTA_SCOPES.users, OKTA_SCOPES.apps, OKTA_SCOPES.logs],
  },
  permissions: [
    {
      process: 'download',
      permission: `${OKTA_READ_ONLY_ROLE} (API token); scope ${OKTA_SCOPES.users} (service app, which also needs the role)`,
      why: 'Lists every Okta user in every status (GET /api/v1/users with a status filter, 200 a page; the plain listing leaves out deactivated users), with their status, when it last changed and their last sign-in to Okta.',
    },
    {
      process: 'activity',
      permission: `${OKTA_READ_ONLY_ROLE} (API token); scopes ${OKTA_SCOPES.apps} and ${OKTA_SCOPES.logs} (service app, which also needs the role)`,
      why: 'Lists the active apps (GET /api/v1/apps) and who is assigned to each (GET /api/v1/apps/{appId}/users), and reads single sign-on events per app from the System Log (GET /api/v1/logs, eventType user.authentication.sso), kept 90 days. Every standard admin role may view the System Log; a custom role or a token without okta.logs.read is refused, and Seatwise then says so and makes no inactivity candidates from SSO.',
    },
    {
      process: 'reclaim',
      permission: 'None',
      why: 'Seatwise only reads Okta: it never suspends, deactivates or unassigns anyone there. Seats are reclaimed in each app’s own connector.',
    },
  ],
  registerApp: {
    title: 'Give Seatwise read-only access to your Okta org',
    intro:
      'Seatwise reads Okta as a directory (who works here, who left) and as the source of single sign-on activity for your other apps. It needs read access only. Choose an API token of a read-only administrator (simplest), or an OAuth 2.0 service app with client credentials and scoped access.',
    checklist: [
      `API token: create a dedicated Okta user for Seatwise (a service account, so the token survives staff changes) and give it the ${OKTA_READ_ONLY_ROLE} role (Security > Administrators > Add administrator).`,
      'Sign in to the Admin Console as that user, open Security > API > Tokens, choose Create token, name it "Seatwise", and paste the token in the next step. Okta shows it only once; Seatwise sends it as "Authorization: SSWS <token>".',
      'An API token has the privileges of the administrator who created it, stops working when that administrator is deactivated, and expires after 30 days without use: a scheduled sync keeps it alive.',
      `Service app instead: Applications > Applications > Create App Integration > API Services, name it "Seatwise". Under Client Credentials choose Public key / Private key (Okta grants okta.* scopes to a service app only with a signed JWT, ${OKTA_SERVICE_APP_CLIENT_AUTH}, never with a client secret).`,
      `On the service app's Okta API Scopes tab grant ${OKTA_SCOPES.users}, ${OKTA_SCOPES.apps} and ${OKTA_SCOPES.logs}; on its Admin roles tab assign ${OKTA_READ_ONLY_ROLE}: Okta gives a service app no admin role by itself.`,
      'Enter your org URL as the connection URL, e.g. https://acme.okta.com or your custom domain, not the Admin Console address (https://acme-admin.okta.com). The service app\'s token endpoint is that URL followed by /oauth2/v1/token.',
    ],
    links: [
      { label: 'Create an API token', url: 'https://developer.okta.com/docs/guides/create-an-api-token/main/' },
      { label: 'Implement OAuth for Okta with a service app', url: 'https://developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/main/' },
      { label: 'Standard administrator roles and permissions', url: 'https://help.okta.com/en-us/content/topics/security/administrators-admin-comparison.htm' },
      { label: 'System Log query', url: 'https://developer.okta.com/docs/reference/system-log-query/' },
      { label: 'Rate limit best practices', url: 'https://developer.okta.com/docs/reference/rl-best-practices/' },
    ],
    needsRedirectUri: false,
  },
  connectionUrlHelp:
    'Your Okta org URL, e.g. https://acme.okta.com (or your custom domain), not the Admin Console address https://acme-admin.okta.com.',
  activitySupported: true,
  activityHint:
    'Okta reports each person’s last sign-in to Okta itself with the user list, and sign-ins to each app in its System Log (single sign-on events, kept 90 days). Reading the System Log needs an admin role that may view it (Read-only Administrator is enough) or, for a service app, the okta.logs.read scope.',
  reclaimEffects: [],
  reclaimSupported: false,
  undoSupported: false,
  knownLicenseTypes: [OKTA_LICENSE_TYPE],
};
