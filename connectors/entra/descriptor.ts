/**
 * How Microsoft Entra ID is connected as a directory source: the same kind of app registration
 * as Microsoft 365 (application permissions, client credentials against the tenant's token
 * endpoint), reading who is in the tenant, whose account is disabled, when each person last
 * signed in, and who signs in to which enterprise app. Seatwise reclaims nothing through it.
 */
import { GRAPH_DEFAULT_BASE_URL, GRAPH_SCOPES, GRAPH_TOKEN_URL_TEMPLATE, TENANT_PATTERN } from '../microsoft-graph/defaults.js';
import type { ConnectorDescriptor } from '../types.js';

/**
 * Every directory user is one free seat of this type. Entra ID P1/P2 licenses themselves are
 * SKUs of the tenant, and the Microsoft 365 connector reports them with the others.
 */
export const ENTRA_USER_LICENSE = 'Entra ID user';

export const ENTRA_PERMISSIONS = {
  readUsers: 'User.Read.All',
  readSignIns: 'AuditLog.Read.All',
  readApps: 'Application.Read.All',
  readOrganization: 'Organization.Read.All',
} as const;

export const ENTRA_ACTIVITY_HINT =
  'Entra ID reports each person\'s last sign-in (signInActivity) and, per enterprise app, the sign-in log (auditLogs/signIns, interactive sign-ins, kept 30 days). Both need the application permission AuditLog.Read.All and a Microsoft Entra ID P1 or P2 license in the tenant: on Entra ID Free Seatwise still reads people and disabled accounts, but no sign-ins.';

export const entraDescriptor: ConnectorDescriptor = {
  vendor: 'entra',
  displayName: 'Microsoft Entra ID',
  publisher: 'Microsoft Corporation',
  product: 'Microsoft Entra ID',
  authMethods: ['client_credentials'],
  defaults: {
    baseUrl: GRAPH_DEFAULT_BASE_URL,
    // `{tenant}` is the tenant option: see tenantTokenUrl in connectors/microsoft-graph/defaults.ts.
    tokenUrl: GRAPH_TOKEN_URL_TEMPLATE,
    scopes: GRAPH_SCOPES,
  },
  permissions: [
    {
      process: 'download',
      permission: ENTRA_PERMISSIONS.readUsers,
      why: 'Lists the tenant\'s users with whether each account is enabled (GET /users?$select=accountEnabled,...): the people the other profiles are matched against, disabled accounts being leavers.',
    },
    {
      process: 'download',
      permission: `${ENTRA_PERMISSIONS.readOrganization} (optional)`,
      why: 'Reads the tenant\'s name (GET /organization) to show which tenant is connected; without it Seatwise shows the tenant id.',
    },
    {
      process: 'activity',
      permission: `${ENTRA_PERMISSIONS.readSignIns}, and Microsoft Entra ID P1 or P2 in the tenant`,
      why: 'Reads each person\'s last sign-in (signInActivity) and the sign-in log per app (GET /auditLogs/signIns?$filter=appId eq ... and createdDateTime ge ...). Graph refuses both without the permission or on Entra ID Free (Authentication_RequestFromNonPremiumTenantOrB2CTenant): Seatwise then says sign-ins are unavailable and judges no one on them.',
    },
    {
      process: 'activity',
      permission: ENTRA_PERMISSIONS.readApps,
      why: 'Lists the enterprise apps people sign in to (GET /servicePrincipals, the apps integrated with Entra ID), so a profile can take its activity from the SSO sign-ins to its app.',
    },
  ],
  registerApp: {
    title: 'Register Seatwise as an app in Microsoft Entra ID',
    intro:
      'Seatwise reads your directory through Microsoft Graph as an app registration of your tenant, with application permissions and a client secret: no browser sign-in and no redirect URI. If Microsoft 365 is connected already, the same app registration can serve both: add the permissions below to it.',
    checklist: [
      'Sign in to the Microsoft Entra admin center (https://entra.microsoft.com) and open Entra ID > App registrations > New registration. Name it "Seatwise", choose "Accounts in this organizational directory only", leave the redirect URI empty and register.',
      'On the app\'s Overview page copy the Application (client) ID and the Directory (tenant) ID for the next step.',
      'Under Certificates & secrets > Client secrets choose New client secret and copy its Value (not the Secret ID) at once. Note the expiry date: the connection stops working then.',
      'Under API permissions choose Add a permission > Microsoft Graph > Application permissions and add User.Read.All (people), AuditLog.Read.All (sign-ins) and Application.Read.All (the apps); Organization.Read.All is optional. Then choose "Grant admin consent for <your tenant>".',
      'Sign-ins need a Microsoft Entra ID P1 or P2 license in the tenant (part of Microsoft 365 E3, E5 and Business Premium). On Entra ID Free Seatwise reads people and disabled accounts only.',
      'The sign-in log keeps 30 days on P1 and P2 (7 days on Free), and Graph v1.0 returns interactive sign-ins only: a person who only uses an app through a long-lived session may show no recent sign-in to it.',
      'To connect several tenants, register an app in each and add one Seatwise profile per tenant.',
    ],
    links: [
      { label: 'Register an application (Microsoft identity platform)', url: 'https://learn.microsoft.com/entra/identity-platform/quickstart-register-app' },
      { label: 'OAuth 2.0 client credentials flow', url: 'https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow' },
      { label: 'List users (Microsoft Graph)', url: 'https://learn.microsoft.com/graph/api/user-list' },
      { label: 'List signIns', url: 'https://learn.microsoft.com/graph/api/signin-list' },
      { label: 'List servicePrincipals', url: 'https://learn.microsoft.com/graph/api/serviceprincipal-list' },
      { label: 'Microsoft Entra data retention', url: 'https://learn.microsoft.com/entra/identity/monitoring-health/reference-reports-data-retention' },
    ],
    needsRedirectUri: false,
  },
  connectionUrlHelp: `The Microsoft Graph base URL, normally ${GRAPH_DEFAULT_BASE_URL}, with the token endpoint ${GRAPH_TOKEN_URL_TEMPLATE} for your tenant. National clouds use their own Graph and login hosts (graph.microsoft.us and login.microsoftonline.us for US Government).`,
  connectionOptions: [
    {
      key: 'tenant',
      label: 'Tenant',
      hint: "the directory (tenant) ID from the app registration's Overview page, or a domain such as contoso.onmicrosoft.com.",
      required: true,
      pattern: TENANT_PATTERN,
      invalid: 'A tenant is a directory ID (a GUID) or a domain such as contoso.onmicrosoft.com.',
    },
  ],
  activitySupported: true,
  activityHint: ENTRA_ACTIVITY_HINT,
  reclaimEffects: [],
  reclaimSupported: false,
  undoSupported: false,
  knownLicenseTypes: [ENTRA_USER_LICENSE],
};
