/**
 * How Salesforce CRM is connected: auth methods, endpoints, the least permissions per
 * process, and the vendor-side steps of the playbook (an External Client App or Connected App).
 */
import type { ConnectorDescriptor } from '../types.js';

/**
 * License types (UserLicense.Name) the connector models. The free ones hold no paid seat:
 * Chatter Free and Chatter External come with the org at no cost, and site guest users are
 * anonymous visitors of a public site, not people.
 */
export const SALESFORCE_LICENSE_TYPES = {
  salesforce: 'Salesforce',
  platform: 'Salesforce Platform',
  chatterFree: 'Chatter Free',
  chatterExternal: 'Chatter External',
  guest: 'Guest User License',
} as const;

export const SALESFORCE_FREE_LICENSE_TYPES: readonly string[] = [
  SALESFORCE_LICENSE_TYPES.chatterFree,
  SALESFORCE_LICENSE_TYPES.chatterExternal,
  SALESFORCE_LICENSE_TYPES.guest,
];

/**
 * Stands for the connection URL in the default OAuth endpoints: Salesforce's endpoints live on
 * the org's own My Domain, so they are only known once the admin has entered it.
 */
export const SALESFORCE_URL_PLACEHOLDER = '{url}';

export const SALESFORCE_OAUTH_PATHS = {
  authorize: '/services/oauth2/authorize',
  token: '/services/oauth2/token',
  revoke: '/services/oauth2/revoke',
  userinfo: '/services/oauth2/userinfo',
} as const;

/** The OAuth endpoints of one org, from its My Domain URL. */
export function salesforceOAuthEndpoints(connectionUrl: string): { authorizeUrl: string; tokenUrl: string; revokeUrl: string } {
  const base = connectionUrl.trim().replace(/\/+$/, '');
  return {
    authorizeUrl: `${base}${SALESFORCE_OAUTH_PATHS.authorize}`,
    tokenUrl: `${base}${SALESFORCE_OAUTH_PATHS.token}`,
    revokeUrl: `${base}${SALESFORCE_OAUTH_PATHS.revoke}`,
  };
}

/** Fills {url} in a default endpoint with the connection URL; other values pass unchanged. */
export function expandSalesforceEndpoint(template: string, connectionUrl: string): string {
  return template.replace(SALESFORCE_URL_PLACEHOLDER, connectionUrl.trim().replace(/\/+$/, ''));
}

const HELP = 'https://help.salesforce.com/s/articleView?language=en_US&type=5&id=';

export const salesforceDescriptor: ConnectorDescriptor = {
  vendor: 'salesforce',
  displayName: 'Salesforce CRM',
  publisher: 'Salesforce, Inc.',
  product: 'Salesforce CRM',
  authMethods: ['authorization_code', 'client_credentials'],
  defaults: {
    // No usable default: login.salesforce.com works for a browser sign-in but not for the
    // client credentials flow, and the API must be called on the org's own domain anyway.
    baseUrl: '',
    apiAtTokenInstance: true,
    authorizeUrl: `${SALESFORCE_URL_PLACEHOLDER}${SALESFORCE_OAUTH_PATHS.authorize}`,
    tokenUrl: `${SALESFORCE_URL_PLACEHOLDER}${SALESFORCE_OAUTH_PATHS.token}`,
    revokeUrl: `${SALESFORCE_URL_PLACEHOLDER}${SALESFORCE_OAUTH_PATHS.revoke}`,
    // `api` covers the REST API; `id` the userinfo endpoint ("connected as"), which `api`
    // alone does not reach; `refresh_token` lets a browser sign-in outlast the session timeout.
    scopes: ['api', 'id', 'refresh_token'],
  },
  permissions: [
    {
      process: 'download',
      permission: 'API Enabled; View Setup and Configuration (read on User and UserLicense)',
      why: 'Lists every user with their profile and license (SOQL on User) and the seats owned per license type (SOQL on UserLicense, which needs View Setup and Configuration).',
    },
    {
      process: 'activity',
      permission: 'API Enabled; read on User (LastLoginDate)',
      why: 'Salesforce keeps each user’s last login on the user record (User.LastLoginDate); Seatwise reads it with the download, so activity needs nothing more.',
    },
    {
      process: 'reclaim',
      permission: 'Manage Internal Users; Freeze Users for Freeze (Manage Users includes both)',
      why: 'Deactivates a user (PATCH /sobjects/User/{Id} with IsActive false) and reactivates on undo: Salesforce asks for Manage Internal Users. Where Salesforce refuses a deactivation (the user is the Default Workflow User, the Web-to-Lead default creator, in a hierarchy field...), Freeze (PATCH /sobjects/UserLogin/{Id} with IsFrozen true) stops the sign-in instead, which needs Freeze Users. A downgrade reads the org\'s user licenses and profiles (UserLicense, Profile) and assigns a profile of the cheaper license (PATCH /sobjects/User/{Id} with ProfileId), which editing users with Manage Internal Users allows.',
    },
  ],
  registerApp: {
    title: 'Register Seatwise in Salesforce',
    intro:
      'Create an External Client App (or a classic Connected App) for Seatwise in Setup. A browser sign-in (authorization code with PKCE) acts as the admin who signs in; the client credentials flow acts as a "Run As" integration user and needs no browser.',
    checklist: [
      'In Setup, open App Manager and choose "New External Client App" (or "New Connected App"); name it "Seatwise" and give a contact email.',
      'Enable OAuth. As the callback URL, enter the loopback redirect Seatwise shows below exactly (http://127.0.0.1:<port>/callback).',
      'Add the OAuth scopes "Manage user data via APIs (api)", "Access the identity URL service (id, profile, email, address, phone)" and "Perform requests at any time (refresh_token, offline_access)".',
      'Keep "Require Proof Key for Code Exchange (PKCE)" on, and "Require secret for Web Server Flow" as your policy says: Seatwise sends both.',
      'For sign-in without a browser: enable "Client Credentials Flow", then under Policies set a "Run As" user, an integration user with API Enabled, View Setup and Configuration and, for reclaim, Manage Internal Users and Freeze Users (a permission set is enough).',
      'Save, wait a few minutes for Salesforce to apply the app, then copy the Consumer Key and Consumer Secret (under "Manage Consumer Details") into the next step.',
      'Enter your org’s My Domain URL as the connection URL (Setup > My Domain, e.g. https://acme.my.salesforce.com). The client credentials flow works only there, not on login.salesforce.com.',
    ],
    links: [
      { label: 'Create an External Client App (Salesforce Help)', url: `${HELP}xcloud.create_a_local_external_client_app.htm` },
      { label: 'Create a Connected App (Salesforce Help)', url: `${HELP}sf.connected_app_create_api_integration.htm` },
      { label: 'OAuth 2.0 Client Credentials Flow (Salesforce Help)', url: `${HELP}sf.remoteaccess_oauth_client_credentials_flow.htm` },
      { label: 'OAuth 2.0 Web Server Flow with PKCE (Salesforce Help)', url: `${HELP}sf.remoteaccess_oauth_web_server_flow.htm` },
      { label: 'Find your My Domain URL (Salesforce Help)', url: `${HELP}sf.domain_name_overview.htm` },
      { label: 'Deactivate Users (Salesforce Help)', url: `${HELP}platform.how_to_deactivate_users.htm` },
      { label: 'Freeze or Unfreeze User Accounts (Salesforce Help)', url: `${HELP}platform.users_freeze.htm` },
    ],
    needsRedirectUri: true,
  },
  connectionUrlHelp:
    'Your org’s My Domain URL, e.g. https://acme.my.salesforce.com (Setup > My Domain); for a sandbox, https://acme--uat.sandbox.my.salesforce.com. Not login.salesforce.com: the client credentials flow and the API need the org’s own domain.',
  activitySupported: true,
  activityHint:
    'Salesforce reports each user\'s last login (LastLoginDate) with the seat; the activity process must be on and the integration user needs View Setup and Configuration.',
  // From Salesforce Help: "Deactivate Users", its considerations, and "Freeze or Unfreeze User Accounts".
  reclaimEffects: [
    {
      action: 'remove',
      label: 'Deactivate the user',
      vendorChange:
        'Salesforce deactivates the user (User.IsActive = false): they can no longer sign in and their user license is free for someone else at once. Salesforce never deletes a user: their records, history and ownership stay.',
      adminTodo:
        'Salesforce bills the licenses on the contract, not the active users: give the free license to the next new user instead of buying one, or lower the license count with Salesforce at renewal. Transfer the user’s records if someone else must own them.',
      saving: 'when_owned_drops',
      undoLabel: 'Reactivate',
      undoRestores: 'seat_only',
      undoLoses:
        'Reactivating needs a free license of the same type and brings back the sign-in and the records the user owns, but not the access deactivation removed: records shared with them by hand or through account, opportunity and case teams, and their places on other users’ default teams.',
    },
    {
      action: 'freeze',
      label: 'Freeze the user',
      vendorChange:
        'Salesforce freezes the user (UserLogin.IsFrozen = true): they can no longer sign in, but stay active and keep their user license, records and settings.',
      adminTodo:
        'Freezing frees no license, so nothing is saved yet: clear what Salesforce named when it refused the deactivation (the Default Workflow User, the Web-to-Lead default creator, a hierarchy field, an email alert...), deactivate the user, then lower the license count.',
      saving: 'when_owned_drops',
      undoLabel: 'Unfreeze',
      undoRestores: 'everything',
    },
    // From the Object Reference (UserLicense, Profile.UserLicenseId): a user license is the
    // profile's, so a cheaper license is a profile of that license assigned to the user.
    {
      action: 'downgrade',
      label: 'Move to a cheaper user license',
      vendorChange:
        'Salesforce gives the user a profile of the cheaper user license (PATCH /sobjects/User/{Id} with ProfileId; a user’s license is their profile’s), e.g. Standard User on Salesforce to Standard Platform User on Salesforce Platform: the user stays active and keeps their records, ownership and history, but loses what the cheaper license does not include (on Salesforce Platform, the standard CRM objects such as leads, opportunities, campaigns and cases). One license of the old kind is free at once (UsedLicenses drops by one) and one of the cheaper kind is used, so the org needs a free one. Salesforce refuses the change (FIELD_INTEGRITY_EXCEPTION) while a permission set the cheaper license does not allow is assigned to the user, and between licenses that are not both standard user licenses.',
      adminTodo:
        'Salesforce bills the licenses on the contract, not the profiles: the freed license of the dearer kind costs the same until you give it to the next new user or lower its count with Salesforce (at renewal, or with your account executive); buy Platform licenses if none are free.',
      saving: 'when_owned_drops',
      undoLabel: 'Restore the original profile',
      undoRestores: 'seat_only',
      undoLoses:
        'Restoring the profile needs a free license of the original kind and brings back what the profile grants; permission sets removed to make the move are not assigned again.',
    },
  ],
  reclaimSupported: true,
  undoSupported: true,
  knownLicenseTypes: Object.values(SALESFORCE_LICENSE_TYPES),
  freeLicenseTypes: SALESFORCE_FREE_LICENSE_TYPES,
};
