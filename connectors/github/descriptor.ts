/**
 * How GitHub Copilot is connected: a token of an organization owner, the organization it
 * manages, the least permissions per process, the playbook's vendor-side steps, and what
 * cancelling a seat does to the seat, the bill and the person.
 */
import type { ConnectorDescriptor, ReclaimEffect } from '../types.js';

export const GITHUB_DEFAULT_BASE_URL = 'https://api.github.com';

/**
 * `settings.options.org`: the organization's login (the ORG of github.com/ORG). Every Copilot
 * endpoint is per organization, so one connection manages one organization; a second
 * organization is a second connection (the same token may serve both).
 */
export const GITHUB_ORG_OPTION = 'org';

/** The REST API version Seatwise was written against (X-GitHub-Api-Version). */
export const GITHUB_API_VERSION = '2022-11-28';

/**
 * License types, from each seat's `plan_type` (falling back to the organization's): GitHub
 * documents "business", "enterprise" and "unknown". A seat whose plan GitHub does not name is
 * an unrecognized type the admin maps, never guessed.
 */
export const GITHUB_LICENSE_TYPES = {
  business: 'Copilot Business',
  enterprise: 'Copilot Enterprise',
  unknown: 'Copilot (plan not reported)',
} as const;

/** The classic token scopes and the fine-grained / GitHub App permission, by GitHub's names. */
export const GITHUB_SCOPES = {
  copilot: 'manage_billing:copilot',
  readOrg: 'read:org',
  adminOrg: 'admin:org',
  /** Shown as "GitHub Copilot Business" in the token and app settings. */
  permission: 'organization_copilot_seat_management',
  permissionLabel: 'GitHub Copilot Business',
} as const;

export const GITHUB_REMOVE_EFFECT: ReclaimEffect = {
  action: 'remove',
  label: 'Cancel the Copilot seat',
  vendorChange:
    'GitHub sets the seat to pending cancellation (DELETE /orgs/{org}/copilot/billing/selected_users): the person keeps Copilot until the end of the current billing cycle and loses it then; until then the seat stays listed with its pending_cancellation_date, the first day of the next cycle. Only a seat assigned to the person directly can be cancelled: a seat GitHub assigned through a team is refused, and the person has to be removed from that team instead.',
  saving: 'end_of_billing_cycle',
  undoLabel: 'Re-add',
  // A Copilot seat holds no work of its own: before the cycle ends, re-adding lifts the pending
  // cancellation (GitHub "refreshes" the seat), after it GitHub buys a new seat, prorated.
  undoRestores: 'everything',
};

export const githubDescriptor: ConnectorDescriptor = {
  vendor: 'github',
  displayName: 'GitHub Copilot',
  publisher: 'GitHub, Inc.',
  product: 'GitHub Copilot Business / Enterprise',
  authMethods: ['token'],
  defaults: { baseUrl: GITHUB_DEFAULT_BASE_URL },
  permissions: [
    {
      process: 'download',
      permission: `Organization owner; classic token scope ${GITHUB_SCOPES.copilot} (or ${GITHUB_SCOPES.readOrg}); fine-grained token or GitHub App: "${GITHUB_SCOPES.permissionLabel}" organization permission, read`,
      why: 'Lists the Copilot seats of the organization (GET /orgs/{org}/copilot/billing/seats, 100 a page) with each seat’s plan, the team that assigned it and any pending cancellation, and reads the seat breakdown (GET /orgs/{org}/copilot/billing) for seats owned. GitHub shows both to organization owners only.',
    },
    {
      process: 'activity',
      permission: `As for download (${GITHUB_SCOPES.copilot}, or "${GITHUB_SCOPES.permissionLabel}" read)`,
      why: 'Activity is each seat’s last Copilot activity (last_activity_at) and last authentication with Copilot (last_authenticated_at), which the seat listing already carries: no other permission and no extra request. IDE activity is recorded only when the user has telemetry on in their IDE.',
    },
    {
      process: 'reclaim',
      permission: `Organization owner; classic token scope ${GITHUB_SCOPES.copilot} (or ${GITHUB_SCOPES.adminOrg}); fine-grained token or GitHub App: "${GITHUB_SCOPES.permissionLabel}" organization permission, read and write`,
      why: 'Sets a seat to pending cancellation (DELETE /orgs/{org}/copilot/billing/selected_users) and re-adds it on undo (POST /orgs/{org}/copilot/billing/selected_users), after reading that one seat (GET /orgs/{org}/members/{username}/copilot) to refuse seats assigned through a team. GitHub allows this only when the organization gives Copilot to selected members.',
    },
  ],
  registerApp: {
    title: 'Create a GitHub token for Seatwise',
    intro:
      'Seatwise reads and cancels Copilot seats with a token of an organization owner. Use a personal access token (classic) with the manage_billing:copilot scope: it covers download, activity and reclaim in every organization its owner owns. A fine-grained token works too, for one organization (its resource owner), with the "GitHub Copilot Business" permission. A GitHub App installation token expires after an hour and Seatwise keeps no app private key to renew it, so use a personal access token.',
    checklist: [
      'Sign in to GitHub as an owner of the organization: GitHub shows Copilot seats, and lets them be cancelled, to organization owners only.',
      'Personal access token (classic), recommended: open Settings > Developer settings > Personal access tokens > Tokens (classic) > Generate new token (classic), name it "Seatwise", choose an expiration, tick only manage_billing:copilot, and generate it.',
      'If the organization uses SAML single sign-on, choose Configure SSO next to the token and authorize it for the organization: until then GitHub refuses it there.',
      'Fine-grained token instead: Settings > Developer settings > Personal access tokens > Fine-grained tokens > Generate new token, resource owner = the organization, Organization permissions > "GitHub Copilot Business": Read for download and activity, Read and write for reclaim. An organization that requires approval of fine-grained tokens must approve it first.',
      'Paste the token in the next step and enter the organization’s login (the ORG of github.com/ORG) in the Organization field.',
      'Another organization: add one more connection to the profile with its login; the same classic token serves every organization its owner owns.',
      'For reclaim, set the organization’s Copilot access to selected members (Organization settings > Copilot > Access): GitHub cancels seats per person only then. A seat given through a team cannot be cancelled per person: remove the person from the team, or the team from Copilot access.',
    ],
    links: [
      { label: 'Managing your personal access tokens', url: 'https://docs.github.com/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens' },
      { label: 'Copilot user management REST API', url: 'https://docs.github.com/rest/copilot/copilot-user-management' },
      { label: 'Rate limits for the REST API', url: 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api' },
      { label: 'Authorizing a token for SAML single sign-on', url: 'https://docs.github.com/authentication/authenticating-with-saml-single-sign-on/authorizing-a-personal-access-token-for-use-with-saml-single-sign-on' },
      { label: 'Making changes to your Copilot license (billing)', url: 'https://docs.github.com/copilot/reference/copilot-billing/license-changes' },
    ],
    needsRedirectUri: false,
  },
  connectionUrlHelp: `The GitHub REST API base URL, normally ${GITHUB_DEFAULT_BASE_URL}. Set the organization's login under Organization; add one connection per organization.`,
  connectionOptions: [
    {
      key: 'org',
      label: 'Organization',
      hint: "the organization's login, as in github.com/LOGIN (one connection per organization).",
      required: true,
      pattern: '[a-z0-9](?:[a-z0-9-]{0,38})',
      invalid: 'An organization login has letters, digits and hyphens only, like acme-corp.',
    },
  ],
  activitySupported: true,
  activityHint:
    'GitHub reports each seat’s last Copilot activity (last_activity_at) and last authentication with Copilot (last_authenticated_at) on the seat listing; Seatwise counts the later one. IDE activity is recorded only when the user has telemetry on in their IDE, so a seat with neither date has no activity recorded, and its inactivity counts from when the seat was granted.',
  reclaimEffects: [GITHUB_REMOVE_EFFECT],
  reclaimSupported: true,
  undoSupported: true,
  knownLicenseTypes: [GITHUB_LICENSE_TYPES.business, GITHUB_LICENSE_TYPES.enterprise],
};
