/**
 * How Asana is connected: auth methods, endpoints, the least permissions per process, and
 * the vendor-side steps of the playbook.
 */
import type { ConnectorDescriptor } from '../types.js';

/**
 * The license types the Asana connector reports, from the workspace membership flags:
 * - "Paid member": a full member (not guest, not view-only). Paid while active.
 * - "Guest": is_guest, someone outside the organisation's email domains. Free.
 * - "View-only member": is_view_only (view-only license). Free.
 * A deactivated membership (is_active false) keeps its type but holds no paid seat.
 */
export const ASANA_LICENSE_TYPES = {
  member: 'Paid member',
  guest: 'Guest',
  viewOnly: 'View-only member',
} as const;

export const ASANA_DEFAULT_BASE_URL = 'https://app.asana.com/api/1.0';

export const asanaDescriptor: ConnectorDescriptor = {
  vendor: 'asana',
  displayName: 'Asana',
  publisher: 'Asana, Inc.',
  product: 'Asana',
  authMethods: ['token', 'authorization_code'],
  defaults: {
    baseUrl: ASANA_DEFAULT_BASE_URL,
    authorizeUrl: 'https://app.asana.com/-/oauth_authorize',
    tokenUrl: 'https://app.asana.com/-/oauth_token',
    revokeUrl: 'https://app.asana.com/-/oauth_revoke',
    // Workspace memberships, the audit log and add/removeUser have no narrower OAuth scope.
    scopes: ['default'],
  },
  permissions: [
    {
      process: 'download',
      permission: 'Workspace member; OAuth scope "default" (or a personal access token)',
      why: 'Lists the workspace memberships (GET /workspaces/{gid}/workspace_memberships) with their guest, view-only, admin and active flags. Asana offers no narrower scope for memberships.',
    },
    {
      process: 'activity',
      permission: 'Service account token on Enterprise or Enterprise+',
      why: 'Reads user_login_succeeded events from the audit log (GET /workspaces/{gid}/audit_log_events). Only service accounts may read it; other plans answer 402/403 and Seatwise then makes no inactivity candidates.',
    },
    {
      process: 'reclaim',
      permission: 'Workspace (organization) admin',
      why: 'Removes a user from the workspace (POST /workspaces/{gid}/removeUser) and adds them back on undo (POST /workspaces/{gid}/addUser). Asana allows this to admins only.',
    },
  ],
  registerApp: {
    title: 'Register Seatwise at Asana',
    intro:
      'Choose how Seatwise signs in. A service account token (Enterprise) covers download, activity and reclaim; a personal access token of a workspace admin covers download and reclaim; an OAuth app lets an admin sign in with the browser.',
    checklist: [
      'Service account (recommended on Enterprise): in the Admin console open Apps > Service accounts, add a service account named "Seatwise", copy its token and paste it in the next step.',
      'Personal access token: open My settings > Apps > Developer apps (developer console), create a token named "Seatwise" as a workspace admin, and paste it in the next step.',
      'OAuth app instead: in the developer console choose "Create new app", name it "Seatwise", and under OAuth add the redirect URL shown below exactly (http://127.0.0.1:<port>/callback). Copy the client ID and client secret.',
      'In the OAuth app, choose "Full permissions" (the "default" scope): Asana has no narrower scope for workspace memberships or the audit log.',
      'Note the workspace (organization) to manage: Seatwise uses the first workspace of the account unless you enter its gid in the Workspace field.',
      'For reclaim, make sure the connected account is an admin of that workspace.',
    ],
    links: [
      { label: 'Asana developer console', url: 'https://app.asana.com/0/my-apps' },
      { label: 'Service accounts (Asana Help)', url: 'https://help.asana.com/s/article/service-accounts' },
      { label: 'OAuth in the Asana API', url: 'https://developers.asana.com/docs/oauth' },
      { label: 'Personal access tokens', url: 'https://developers.asana.com/docs/personal-access-token' },
      { label: 'Audit log API', url: 'https://developers.asana.com/docs/audit-log-api' },
    ],
    needsRedirectUri: true,
  },
  connectionUrlHelp: `The Asana API base URL, normally ${ASANA_DEFAULT_BASE_URL}. Set the workspace gid under Workspace if the account belongs to more than one.`,
  activitySupported: true,
  activityHint:
    'Asana keeps sign-ins in its audit log, which only a service account token can read, on Enterprise+ (or Enterprise with the compliance add-on). Connect with such a token, or link an identity provider for SSO sign-ins.',
  reclaimEffects: [
    {
      action: 'remove',
      label: 'Remove from the workspace',
      vendorChange: 'Asana deprovisions the person (removeUser): they can no longer sign in, and their tasks and projects are handed to the owner of the token Seatwise uses.',
      saving: 'at_reclaim',
      undoLabel: 'Re-add',
      undoRestores: 'seat_only',
      undoLoses: 'Re-add (addUser) brings the person back into the workspace, but not their work: tasks and projects stay with the token owner until someone reassigns them.',
    },
  ],
  reclaimSupported: true,
  undoSupported: true,
  knownLicenseTypes: [ASANA_LICENSE_TYPES.member, ASANA_LICENSE_TYPES.guest, ASANA_LICENSE_TYPES.viewOnly],
};
