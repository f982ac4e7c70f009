/**
 * How Calendly is connected: auth methods, endpoints, the least permissions per process, and
 * the vendor-side steps of the playbook.
 */
import type { ConnectorDescriptor } from '../types.js';
import { CALENDLY_API_ORIGIN } from './api.js';

/**
 * The license types the Calendly connector reports, one per organization role. Every member
 * of a Calendly organization occupies a purchased seat, whatever the role ("Owners and Admins
 * of Calendly organizations count as a paid user seat", Calendly Help), so all are paid.
 * A role Calendly adds later is reported as "Calendly seat (<role>)": an unrecognized type
 * the admin maps.
 *
 * Seats owned are not read: Calendly's API v2 reports no seat count (an organization has only
 * a plan and a stage), so the number of seats bought is the entitlement the admin enters.
 */
export const CALENDLY_LICENSE_TYPES = {
  user: 'Calendly seat (user)',
  admin: 'Calendly seat (admin)',
  owner: 'Calendly owner',
} as const;

export const CALENDLY_SCOPES = ['users:read', 'organizations:read', 'organizations:write', 'scheduled_events:read', 'activity_log:read'];

export const calendlyDescriptor: ConnectorDescriptor = {
  vendor: 'calendly',
  displayName: 'Calendly',
  publisher: 'Calendly LLC',
  product: 'Calendly',
  authMethods: ['token', 'authorization_code'],
  defaults: {
    baseUrl: CALENDLY_API_ORIGIN,
    authorizeUrl: 'https://auth.calendly.com/oauth/authorize',
    tokenUrl: 'https://auth.calendly.com/oauth/token',
    revokeUrl: 'https://auth.calendly.com/oauth/revoke',
    scopes: CALENDLY_SCOPES,
  },
  permissions: [
    {
      process: 'download',
      permission: 'Organization admin or owner; scopes users:read and organizations:read',
      why: 'Reads the connected user (GET /users/me) and lists the organization memberships with their roles (GET /organization_memberships).',
    },
    {
      process: 'activity',
      permission: 'Enterprise plan, admin or owner; scope activity_log:read',
      why: 'Reads who did what and when from the activity log (GET /activity_log_entries). Only Enterprise organizations have one.',
    },
    {
      process: 'activity',
      permission: 'Without Enterprise: admin or owner; scope scheduled_events:read',
      why: "Falls back to each member's latest scheduled event (GET /scheduled_events per user) when the plan has no activity log. Without either, Seatwise makes no inactivity candidates.",
    },
    {
      process: 'reclaim',
      permission: 'Organization admin or owner; scope organizations:write',
      why: 'Removes a member from the organization (DELETE /organization_memberships/{uuid}) and re-invites them on undo (POST /organizations/{uuid}/invitations). The owner and the connected account are never removed. Removing a member does not remove the paid seat: lowering the seat count is done on Calendly\'s Billing page, not through the API.',
    },
  ],
  registerApp: {
    title: 'Connect Seatwise to Calendly',
    intro:
      'Calendly recommends a personal access token for an internal tool like Seatwise: create it as an owner or admin of the organization. An OAuth app lets an admin sign in with the browser instead.',
    checklist: [
      'Personal access token (recommended): sign in to Calendly as an owner or admin, open Integrations & apps > API and webhooks, generate a new token named "Seatwise" with the scopes listed below (Calendly may email a verification code first), and paste it in the next step: Calendly shows it only once.',
      'OAuth app instead: sign in to the Calendly developer portal (a developer account, separate from your Calendly user), open My apps and create a new app named "Seatwise" (the name may not contain the word "Calendly").',
      'Choose the kind "Native" (a desktop app) and the environment. Calendly allows plain-http loopback redirect URIs only in Sandbox and requires HTTPS in Production: if your environment refuses the redirect URI below, use a personal access token instead.',
      'Add the redirect URI shown below exactly (http://127.0.0.1:<port>/callback): Calendly matches it exactly, so Seatwise pins the port. Seatwise always uses PKCE with code_challenge_method S256.',
      'Select the scopes users:read, organizations:read, scheduled_events:read and activity_log:read, plus organizations:write if Seatwise should reclaim seats. New apps get no API access until scopes are chosen.',
      'Copy the client ID and client secret (Calendly shows the secret once) into the next step.',
      'Refresh tokens are single-use: every renewal returns a new one, which Seatwise stores at once. Do not share one OAuth connection between two Seatwise installations.',
      'Optional: enter the organization URI under Organization; otherwise Seatwise uses the current organization of the connected user.',
    ],
    links: [
      { label: 'Calendly developer portal', url: 'https://developer.calendly.com/' },
      { label: 'Creating an OAuth app', url: 'https://developer.calendly.com/creating-an-oauth-app' },
      { label: 'Authorization scopes', url: 'https://developer.calendly.com/docs/authentication/scopes' },
      { label: 'Personal access tokens', url: 'https://developer.calendly.com/personal-access-tokens' },
      { label: 'Activity log (Enterprise)', url: 'https://developer.calendly.com/api-docs/calendly-api/activity-log/list-activity-log-entries' },
    ],
    needsRedirectUri: true,
  },
  connectionUrlHelp: `The Calendly API base URL, normally ${CALENDLY_API_ORIGIN}. Set the organization URI under Organization to manage another organization than the connected user's current one.`,
  activitySupported: true,
  activityHint:
    'Calendly keeps sign-ins and other changes in its activity log (90 days), on the Enterprise plan only, for an owner or admin with the activity_log:read scope; on other plans Seatwise uses each member\'s latest scheduled event. Link an identity provider for SSO sign-ins.',
  reclaimEffects: [
    {
      action: 'remove',
      label: 'Remove from the organization',
      vendorChange:
        'Calendly removes the person from the organization (DELETE /organization_memberships/{uuid}): they leave its plan and its shared scheduling, and their own Calendly account is not deleted. The paid seat they held stays on the plan, open for someone else.',
      adminTodo:
        'Calendly keeps billing the seat: removing a user does not remove a paid seat. An owner or admin lowers the seat count at Account > Billing > Make changes to your plan (organizations billed by invoice ask Calendly, billing@calendly.com); until then nothing is saved.',
      saving: 'when_owned_drops',
      undoLabel: 'Re-invite',
      undoRestores: 'seat_only',
      undoLoses:
        'Re-invite emails a new invitation: the person is back only once they accept, as a user (the invitation carries no role, so an admin must be made admin again). Calendly refuses it once the seat count was lowered and no paid seat is open.',
    },
  ],
  reclaimSupported: true,
  undoSupported: true,
  knownLicenseTypes: [CALENDLY_LICENSE_TYPES.user, CALENDLY_LICENSE_TYPES.admin, CALENDLY_LICENSE_TYPES.owner],
};
