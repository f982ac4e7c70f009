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
 * - "Paused member": a full member whose license an admin paused. Asana says a paused member
 *   no longer counts towards paid seats, and lists them on their own "Paused" tab of the
 *   admin console, so the seat is free and says why. Asana reports pauses only in the audit
 *   log (domain_user_billing_paused / domain_user_billing_unpaused), which only a service
 *   account token can read: with any other token a paused member stays "Paid member".
 * A deactivated membership (is_active false) keeps its type but holds no paid seat.
 */
export const ASANA_LICENSE_TYPES = {
  member: 'Paid member',
  guest: 'Guest',
  viewOnly: 'View-only member',
  paused: 'Paused member',
} as const;

export const ASANA_DEFAULT_BASE_URL = 'https://app.asana.com/api/1.0';

/**
 * `settings.options.tokenKind` when the token is a service account's: the only kind Asana lets
 * read the audit log, so only then does the download look for paused licenses there.
 */
export const ASANA_SERVICE_ACCOUNT = 'service_account';

/** Who may read Asana's audit log, in Asana's words (developer docs, "Audit log API"). */
export const ASANA_AUDIT_LOG_NEEDS =
  'a service account token of an organization on Asana Enterprise+, legacy Enterprise, or Enterprise with the Compliance Management add-on';

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
      why: 'Lists the workspace memberships (GET /workspaces/{gid}/workspace_memberships) with their guest, view-only, admin and active flags. Asana offers no narrower scope for memberships. With a service account token Seatwise also reads paused licenses from the audit log, so paused members are not counted as paid.',
    },
    {
      process: 'activity',
      permission:
        'Service account token (full permissions, or scoped permissions with "Audit logs") on Enterprise+, legacy Enterprise, or Enterprise with the Compliance Management add-on',
      why: 'Reads user_login_succeeded events from the audit log (GET /workspaces/{gid}/audit_log_events), which keeps 90 days. Personal access tokens, OAuth and other plans are refused (401, 402 or 403): Seatwise then says activity is unavailable and makes no inactivity candidates; the sync itself does not fail.',
    },
    {
      process: 'reclaim',
      permission: 'Workspace (organization) admin, or a service account token',
      why: 'Removes a user from the organization (POST /workspaces/{gid}/removeUser) and re-adds them on undo (POST /workspaces/{gid}/addUser). Asana allows removeUser to admins only.',
    },
  ],
  registerApp: {
    title: 'Register Seatwise at Asana',
    intro:
      'Choose how Seatwise signs in. Only a service account token can read the audit log, and only on Enterprise+, legacy Enterprise, or Enterprise with the Compliance Management add-on: it covers download (with paused licenses), activity and reclaim. A personal access token or an OAuth sign-in of an admin covers download and reclaim, without activity.',
    checklist: [
      'Service account (Enterprise and Enterprise+; not available to divisions): a super admin opens the Admin console > Apps > Service accounts > Add service account, names it "Seatwise", chooses Full permissions (or scoped permissions that include Audit logs), copies the token and pastes it in the next step as a service account token.',
      'The audit log, and so activity, needs Enterprise+, legacy Enterprise, or Enterprise with the Compliance Management add-on: on plain Enterprise without the add-on a service account still covers download and reclaim, but Seatwise makes no inactivity candidates.',
      'Personal access token instead: as a workspace admin open the developer console (https://app.asana.com/0/my-apps), choose "Create new token", name it "Seatwise" and paste it in the next step. Asana does not let it read the audit log.',
      'OAuth app instead: in the developer console choose "Create new app", name it "Seatwise", and under OAuth add the redirect URL shown below exactly (http://127.0.0.1:<port>/callback). Copy the client ID and client secret. Like a personal access token, it cannot read the audit log.',
      'In the OAuth app, choose "Full permissions" (the "default" scope): Asana has no narrower scope for workspace memberships or removeUser.',
      'Note the workspace (organization) to manage: Seatwise uses the first workspace of the account unless you enter its gid in the Workspace field.',
      'For reclaim, make sure the connected account is an admin of that organization. Asana gives a removed member\'s tasks to the connected user (personal access token, OAuth) or, with a service account token, to the super admin chosen in the Admin console for deprovisioned users.',
    ],
    links: [
      { label: 'Asana developer console', url: 'https://app.asana.com/0/my-apps' },
      { label: 'Service accounts (Asana Help)', url: 'https://help.asana.com/s/article/service-accounts' },
      { label: 'Audit log API', url: 'https://developers.asana.com/docs/audit-log-api' },
      { label: 'Pause a member\'s license (Asana Help)', url: 'https://help.asana.com/s/article/pause-a-member-s-license' },
      { label: 'User deprovisioning (Asana Help)', url: 'https://help.asana.com/s/article/user-deprovisioning' },
      { label: 'OAuth in the Asana API', url: 'https://developers.asana.com/docs/oauth' },
      { label: 'Personal access tokens', url: 'https://developers.asana.com/docs/personal-access-token' },
    ],
    needsRedirectUri: true,
  },
  connectionUrlHelp: `The Asana API base URL, normally ${ASANA_DEFAULT_BASE_URL}. Set the workspace gid under Workspace if the account belongs to more than one.`,
  connectionOptions: [
    {
      key: 'workspace',
      label: 'Workspace gid',
      hint: "leave it empty to use the account's first workspace.",
      required: false,
      pattern: '\\d{1,30}',
      invalid: 'A workspace gid is a number, like 1200000000000001.',
    },
    {
      key: 'tokenKind',
      label: 'Token kind',
      hint: 'only a service account token reads the audit log: activity, and paused licenses, which are not paid seats.',
      required: false,
      choices: [
        { value: 'personal', label: 'Personal access token' },
        { value: ASANA_SERVICE_ACCOUNT, label: 'Service account token' },
      ],
      grants: ['token'],
    },
  ],
  activitySupported: true,
  activityHint:
    'Asana keeps sign-ins in its audit log for 90 days. Only a service account token can read it, and only on Enterprise+, legacy Enterprise, or Enterprise with the Compliance Management add-on: connect with such a token, or link an identity provider for SSO sign-ins.',
  reclaimEffects: [
    {
      action: 'remove',
      label: 'Remove from the organization',
      vendorChange:
        'Asana deprovisions the person (removeUser): they lose access to the organization, and the tasks assigned to them are collected into a new private project owned by the connected user (personal access token or OAuth) or, with a service account token, by the super admin chosen in the Admin console. To keep access to what only they could see, make it public before removing them.',
      adminTodo:
        'Removing a member frees a seat in the Asana plan but does not shrink the plan: the billing owner (or an admin, on auto-pay plans) lowers the seat count in Admin console > Billing > Seat utilization for the bill to go down.',
      saving: 'when_owned_drops',
      undoLabel: 'Re-add',
      undoRestores: 'seat_only',
      undoLoses:
        'Re-add (addUser) makes the person a member again and takes a seat again, but does not give their work back: their tasks stay in the project made at removal until someone reassigns them.',
    },
  ],
  reclaimSupported: true,
  undoSupported: true,
  knownLicenseTypes: [ASANA_LICENSE_TYPES.member, ASANA_LICENSE_TYPES.guest, ASANA_LICENSE_TYPES.viewOnly, ASANA_LICENSE_TYPES.paused],
};
