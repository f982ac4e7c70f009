/**
 * How Zoom is connected: a Server-to-Server OAuth app (the account_credentials grant), its
 * endpoints, the least scopes per process, the playbook's vendor-side steps, and what a
 * downgrade to Basic does to the seat, the bill and the person.
 */
import type { ConnectorDescriptor, ReclaimEffect } from '../types.js';

export const ZOOM_DEFAULT_BASE_URL = 'https://api.zoom.us/v2';
export const ZOOM_DEFAULT_TOKEN_URL = 'https://zoom.us/oauth/token';

/**
 * `settings.options.accountId`: the account ID shown on the Server-to-Server OAuth app's
 * credentials page. The token request sends it (grant_type=account_credentials&account_id=...);
 * the connector itself only falls back to it for the org id.
 */
export const ZOOM_ACCOUNT_ID_OPTION = 'accountId';

/**
 * The license types the connector reports, from the user's `type` (Zoom API reference, Users):
 * 1 Basic (free), 2 Licensed (the paid seat), 4 "Unassigned without Meetings Basic", 99 None
 * (set only by ssoCreate). Any other number becomes "Zoom user type N": an unrecognized type
 * the admin maps or excludes, never counted as paid.
 */
export const ZOOM_LICENSE_TYPES = {
  basic: 'Basic',
  licensed: 'Licensed',
  unassigned: 'Unassigned without Meetings Basic',
  none: 'None',
} as const;

export const ZOOM_USER_TYPE_CODES = { [ZOOM_LICENSE_TYPES.basic]: 1, [ZOOM_LICENSE_TYPES.licensed]: 2 } as const;

/** Granular scopes first (apps created since 2024 get only those), classic ones in brackets. */
export const ZOOM_SCOPES = {
  listUsers: 'user:read:list_users:admin',
  readUser: 'user:read:user:admin',
  updateUser: 'user:update:user:admin',
  planUsage: 'billing:read:plan_usage:admin',
  classicRead: 'user:read:admin',
  classicWrite: 'user:write:admin',
  classicAccount: 'account:read:admin',
} as const;

export const ZOOM_DOWNGRADE_EFFECT: ReclaimEffect = {
  action: 'downgrade',
  label: 'Downgrade to Basic',
  vendorChange:
    'Zoom changes the user from Licensed to Basic (PATCH /users/{userId} with type 1): the user stays in the account with their settings, scheduled meetings and cloud recordings, and their license goes back to the account to assign again. As a Basic user they can still join any meeting, but the meetings they host are limited as on Zoom Basic (40 minutes) and they cannot record to the cloud.',
  adminTodo:
    'Zoom bills every license the plan holds, assigned or not: lower the license count in the Zoom web portal (Plans and Billing > Plan Management > Manage > Edit Plan, or Account Management > Billing > Current Plans > Edit Current Plan). Zoom applies the reduction at the next invoice, the end of the current billing cycle; with custom pricing or a signed contract, ask Zoom Billing to lower it.',
  saving: 'when_owned_drops',
  undoLabel: 'Set Licensed again',
  undoRestores: 'everything',
};

export const zoomDescriptor: ConnectorDescriptor = {
  vendor: 'zoom',
  displayName: 'Zoom',
  publisher: 'Zoom Communications, Inc.',
  product: 'Zoom Workplace',
  authMethods: ['client_credentials'],
  defaults: {
    baseUrl: ZOOM_DEFAULT_BASE_URL,
    tokenUrl: ZOOM_DEFAULT_TOKEN_URL,
    // No scope parameter: a Server-to-Server OAuth app's token carries the scopes added to the
    // app in the Marketplace, whatever the request asks for.
  },
  permissions: [
    {
      process: 'download',
      permission: `${ZOOM_SCOPES.listUsers} and ${ZOOM_SCOPES.readUser} (classic: ${ZOOM_SCOPES.classicRead})`,
      why: 'Lists the active users of the account (GET /users?status=active, 300 a page) with their user type (Licensed or Basic) and role, and reads the connected user (GET /users/me) for the account id.',
    },
    {
      process: 'download',
      permission: `${ZOOM_SCOPES.planUsage} (classic: ${ZOOM_SCOPES.classicAccount}); optional`,
      why: 'Reads how many licenses the plan holds and how many are assigned (GET /accounts/me/plans/usage) for seats owned. Without it Seatwise downloads seats as usual and says it could not read seats owned; type the license count in Entitlements instead.',
    },
    {
      process: 'activity',
      permission: `${ZOOM_SCOPES.listUsers} (classic: ${ZOOM_SCOPES.classicRead}), as for download`,
      why: 'Activity is each user’s last sign-in (last_login_time), which the user list already carries: no other scope and no extra request.',
    },
    {
      process: 'reclaim',
      permission: `${ZOOM_SCOPES.updateUser} (classic: ${ZOOM_SCOPES.classicWrite})`,
      why: 'Downgrades a user to Basic (PATCH /users/{userId} with type 1) and sets them Licensed again on undo (type 2). Zoom separates this scope from user:write:user:admin, which only creates users.',
    },
  ],
  registerApp: {
    title: 'Create a Server-to-Server OAuth app in the Zoom App Marketplace',
    intro:
      'Seatwise signs in to Zoom as a Server-to-Server OAuth app of your account: no browser sign-in and no redirect URI. Zoom gives such an app an account ID, a client ID and a client secret; Seatwise asks Zoom for a one-hour access token with them (grant type account_credentials) whenever it needs one.',
    checklist: [
      'Sign in to the Zoom App Marketplace (https://marketplace.zoom.us/) as the account owner or an admin whose role has the Server-to-Server OAuth app permission (User Management > Roles > Advanced features).',
      'Choose Develop > Build App > Server-to-Server OAuth app, and name it "Seatwise".',
      'On App Credentials, copy the Account ID, the Client ID and the Client Secret: the account ID and client ID go in the next step, the client secret is stored in the OS keychain.',
      'On Information, fill in the company name and the developer contact (Zoom requires them to activate the app).',
      `On Scopes, add ${ZOOM_SCOPES.listUsers} and ${ZOOM_SCOPES.readUser} for the download and activity, ${ZOOM_SCOPES.planUsage} for seats owned (optional), and ${ZOOM_SCOPES.updateUser} for reclaim. An app with classic scopes uses ${ZOOM_SCOPES.classicRead}, ${ZOOM_SCOPES.classicAccount} and ${ZOOM_SCOPES.classicWrite} instead.`,
      'On Activation, choose Activate your app: Zoom issues no token to an app that is not activated.',
      'To connect several Zoom accounts, create one app in each account and add one Seatwise profile per account ID.',
    ],
    links: [
      { label: 'Create a Server-to-Server OAuth app', url: 'https://developers.zoom.us/docs/internal-apps/create/' },
      { label: 'Server-to-Server OAuth (access tokens)', url: 'https://developers.zoom.us/docs/internal-apps/s2s-oauth/' },
      { label: 'Granular scopes', url: 'https://developers.zoom.us/docs/integrations/oauth-scopes-granular/' },
      { label: 'Users API', url: 'https://developers.zoom.us/docs/api/users/' },
      { label: 'Rate limits', url: 'https://developers.zoom.us/docs/api/rate-limits/' },
      { label: 'Reducing your number of licenses (Zoom Support)', url: 'https://support.zoom.com/hc/en/article?id=zm_kb&sysparm_article=KB0057881' },
    ],
    needsRedirectUri: false,
  },
  connectionUrlHelp: `The Zoom API base URL, normally ${ZOOM_DEFAULT_BASE_URL} (token endpoint ${ZOOM_DEFAULT_TOKEN_URL}). Zoom for Government uses https://api.zoomgov.com/v2 and https://zoomgov.com/oauth/token.`,
  connectionOptions: [
    {
      key: 'accountId',
      label: 'Account ID',
      hint: "the Account ID on the Server-to-Server OAuth app's App Credentials page.",
      required: true,
      pattern: '[A-Za-z0-9_-]{1,64}',
      invalid: 'A Zoom account ID has letters, digits, - and _ only.',
    },
  ],
  activitySupported: true,
  activityHint:
    'Zoom reports each user’s last sign-in to the Zoom app or web portal (last_login_time) in the user list. Joining a meeting without signing in does not count; a user who never signed in has no last sign-in, and Seatwise counts their inactivity from when the user was created.',
  reclaimEffects: [ZOOM_DOWNGRADE_EFFECT],
  reclaimSupported: true,
  undoSupported: true,
  // Basic is the free user type: it takes no license of the plan (see the user types above).
  freeLicenseTypes: [ZOOM_LICENSE_TYPES.basic],
  knownLicenseTypes: [ZOOM_LICENSE_TYPES.licensed, ZOOM_LICENSE_TYPES.basic, ZOOM_LICENSE_TYPES.unassigned, ZOOM_LICENSE_TYPES.none],
};
