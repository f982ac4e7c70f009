/**
 * How Microsoft 365 is connected: an app registration of the tenant with application
 * permissions on Microsoft Graph and the client credentials grant, the least permissions per
 * process, the playbook's vendor-side steps, and what removing or swapping a license does to the
 * seat, the bill and the person's data (Microsoft's own documentation, cited per entry).
 */
import { GRAPH_DEFAULT_BASE_URL, GRAPH_SCOPES, GRAPH_TOKEN_URL_TEMPLATE, TENANT_PATTERN } from '../microsoft-graph/defaults.js';
import type { ConnectorDescriptor, ReclaimEffect } from '../types.js';
import { SKU_NAMES } from './skus.js';

/**
 * `settings.options.downgrades`: the cheaper SKU for each SKU, as the admin names them for the
 * software models, by skuPartNumber: "SPE_E5=SPE_E3, ENTERPRISEPREMIUM=ENTERPRISEPACK". One SKU
 * may be listed with several targets; the first is the default.
 */
export const DOWNGRADES_OPTION = 'downgrades';

/** Microsoft Graph application permissions, by process. */
export const M365_PERMISSIONS = {
  readUsers: 'User.Read.All',
  readLicenses: 'LicenseAssignment.Read.All',
  readSignIns: 'AuditLog.Read.All',
  writeLicenses: 'LicenseAssignment.ReadWrite.All',
  readOrganization: 'Organization.Read.All',
} as const;

/**
 * Unassigning does not shrink the subscription: "You can't remove a license from a subscription
 * if it's assigned to a user" (Microsoft 365 admin, "Remove licenses from your subscription"),
 * and a license that is unassigned stays in it, billed, until the total is lowered.
 */
const LOWER_THE_COUNT =
  'Taking a license off a user does not lower the bill: the license goes back to its subscription, which keeps its license count. In the Microsoft 365 admin center, open Billing > Your products, select the subscription and lower its total licenses (Remove licenses). Subscriptions bought with a product key, through a partner (CSP) or under volume licensing change only at renewal or through the partner.';

export const M365_REMOVE_EFFECT: ReclaimEffect = {
  action: 'remove',
  label: 'Remove the license',
  vendorChange:
    'Microsoft 365 takes the license off the user (POST /users/{id}/assignLicense with removeLicenses): the account stays and can still sign in, but loses the services of that license. Microsoft keeps the Exchange Online data tied to the account for 30 days, then deletes it for good; files in OneDrive and SharePoint are not deleted ("Unassign licenses from users").',
  adminTodo: LOWER_THE_COUNT,
  saving: 'when_owned_drops',
  undoLabel: 'Assign the license again',
  undoRestores: 'seat_only',
  undoLoses:
    'Assigning the license again within 30 days brings the mailbox back with its data; after 30 days Microsoft has deleted that data and the user starts with an empty mailbox. Service plans that were turned off in the license stay turned off: Seatwise assigns it with the plans the user had.',
};

export const M365_DOWNGRADE_EFFECT: ReclaimEffect = {
  action: 'downgrade',
  label: 'Move to a cheaper license',
  vendorChange:
    'Microsoft 365 swaps the license in one call (POST /users/{id}/assignLicense adding the cheaper SKU named for this one, E5 to E3 say, and removing this one): the user keeps the account, mailbox and files, and loses only the services the cheaper license does not include. The cheaper subscription must have a free license.',
  adminTodo: LOWER_THE_COUNT,
  saving: 'when_owned_drops',
  undoLabel: 'Restore the original license',
  undoRestores: 'seat_only',
  undoLoses:
    'Data of services that only the dearer license includes is held for 30 days after the swap, as for any license taken off a user; restoring the license later than that brings those services back without it.',
};

export const M365_ACTIVITY_HINT =
  'Activity is each user\'s last sign-in to Microsoft Entra ID, interactive or not (signInActivity on the user list). It needs the application permission AuditLog.Read.All and a Microsoft Entra ID P1 or P2 license in the tenant (part of Microsoft 365 E3, E5 and Business Premium, not of Office 365 E1/E3/E5): without them activity is unavailable and Seatwise makes no inactivity candidates. Disabled accounts that still hold a license are reported either way.';

export const microsoft365Descriptor: ConnectorDescriptor = {
  vendor: 'microsoft365',
  displayName: 'Microsoft 365',
  publisher: 'Microsoft Corporation',
  product: 'Microsoft 365',
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
      permission: M365_PERMISSIONS.readUsers,
      why: 'Lists the users with their licenses and whether the account is enabled (GET /users?$select=assignedLicenses,accountEnabled,...): one seat per user and SKU.',
    },
    {
      process: 'download',
      permission: `${M365_PERMISSIONS.readLicenses} (higher: ${M365_PERMISSIONS.readOrganization})`,
      why: 'Reads the subscribed SKUs (GET /subscribedSkus): each SKU\'s part number, its licenses owned (prepaidUnits) and assigned (consumedUnits), which become the seats owned.',
    },
    {
      process: 'download',
      permission: `${M365_PERMISSIONS.readOrganization} (optional)`,
      why: 'Reads the tenant\'s name (GET /organization) to show which tenant is connected; without it Seatwise shows the tenant id.',
    },
    {
      process: 'activity',
      permission: `${M365_PERMISSIONS.readSignIns}, and Microsoft Entra ID P1 or P2 in the tenant`,
      why: 'Selects each user\'s signInActivity (last interactive and non-interactive sign-in) on the same user list. Graph refuses it without the permission (Authentication_MSGraphPermissionMissing) or on a tenant without Entra ID P1/P2 (Authentication_RequestFromNonPremiumTenantOrB2CTenant): Seatwise then says activity is unavailable and makes no inactivity candidates; seats still download.',
    },
    {
      process: 'reclaim',
      permission: `${M365_PERMISSIONS.writeLicenses} (higher: User.ReadWrite.All or Directory.ReadWrite.All)`,
      why: 'Removes a license, swaps it for a cheaper one and assigns it again on undo (POST /users/{id}/assignLicense). It cannot create, delete or disable users.',
    },
  ],
  registerApp: {
    title: 'Register Seatwise as an app in Microsoft Entra ID',
    intro:
      'Seatwise reads Microsoft 365 through Microsoft Graph as an app registration of your tenant, with application permissions and a client secret: no browser sign-in and no redirect URI. It asks the tenant\'s token endpoint for a one-hour token (client credentials, scope https://graph.microsoft.com/.default) whenever it needs one.',
    checklist: [
      'Sign in to the Microsoft Entra admin center (https://entra.microsoft.com) as at least a Cloud Application Administrator and open Entra ID > App registrations > New registration. Name it "Seatwise", choose "Accounts in this organizational directory only", leave the redirect URI empty and register.',
      'On the app\'s Overview page copy the Application (client) ID and the Directory (tenant) ID: they go in the next step (client ID and tenant).',
      'Under Certificates & secrets > Client secrets choose New client secret, pick an expiry and copy its Value (not the Secret ID) at once: Entra shows it only now. Seatwise keeps it in the OS keychain; note the expiry date, the connection stops working then.',
      'Under API permissions choose Add a permission > Microsoft Graph > Application permissions and add User.Read.All and LicenseAssignment.Read.All (download), AuditLog.Read.All (activity) and LicenseAssignment.ReadWrite.All (reclaim); Organization.Read.All shows the tenant\'s name and is optional. Then choose "Grant admin consent for <your tenant>" (a Privileged Role Administrator or Global Administrator must do this).',
      'Activity (each user\'s last sign-in) also needs a Microsoft Entra ID P1 or P2 license in the tenant, included in Microsoft 365 E3, E5 and Business Premium. Without it Seatwise still downloads seats and disabled accounts, but makes no inactivity candidates.',
      'To move people to a cheaper license instead of removing it, name the cheaper SKU for each SKU under Downgrades by part number, e.g. SPE_E5=SPE_E3 (Microsoft 365 E5 to E3) or ENTERPRISEPREMIUM=ENTERPRISEPACK (Office 365 E5 to E3).',
      'Licenses assigned through a group cannot be taken off one user: Graph refuses it, and Seatwise shows Graph\'s reason for that seat. Remove the user from the licensing group instead.',
      'To connect several tenants, register an app in each (or consent a multitenant app in each) and add one Seatwise profile per tenant.',
    ],
    links: [
      { label: 'Register an application (Microsoft identity platform)', url: 'https://learn.microsoft.com/entra/identity-platform/quickstart-register-app' },
      { label: 'OAuth 2.0 client credentials flow', url: 'https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow' },
      { label: 'List users (Microsoft Graph)', url: 'https://learn.microsoft.com/graph/api/user-list' },
      { label: 'List subscribedSkus', url: 'https://learn.microsoft.com/graph/api/subscribedsku-list' },
      { label: 'user: assignLicense', url: 'https://learn.microsoft.com/graph/api/user-assignlicense' },
      { label: 'signInActivity resource type', url: 'https://learn.microsoft.com/graph/api/resources/signinactivity' },
      { label: 'Product names and service plan identifiers for licensing', url: 'https://learn.microsoft.com/entra/identity/users/licensing-service-plan-reference' },
      { label: 'Unassign licenses from users', url: 'https://learn.microsoft.com/microsoft-365/admin/manage/remove-licenses-from-users' },
      { label: 'Remove licenses from your subscription', url: 'https://learn.microsoft.com/microsoft-365/commerce/licenses/remove-licenses-from-subscription' },
      { label: 'Microsoft Graph throttling guidance', url: 'https://learn.microsoft.com/graph/throttling' },
    ],
    needsRedirectUri: false,
  },
  connectionUrlHelp: `The Microsoft Graph base URL, normally ${GRAPH_DEFAULT_BASE_URL}, with the token endpoint ${GRAPH_TOKEN_URL_TEMPLATE} for your tenant. National clouds use their own: https://graph.microsoft.us/v1.0 with login.microsoftonline.us (US Government), https://microsoftgraph.chinacloudapi.cn/v1.0 with login.chinacloudapi.cn (21Vianet), and the scope of that Graph (e.g. https://graph.microsoft.us/.default).`,
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
  activityHint: M365_ACTIVITY_HINT,
  reclaimEffects: [M365_REMOVE_EFFECT, M365_DOWNGRADE_EFFECT],
  reclaimSupported: true,
  undoSupported: true,
  knownLicenseTypes: Object.keys(SKU_NAMES),
};
