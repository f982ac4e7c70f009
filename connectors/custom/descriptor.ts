/**
 * How a custom app (any REST API, or a SCIM 2.0 endpoint through the preset) is connected:
 * the admin supplies endpoints and the mapping, so the playbook is a generic checklist.
 */
import type { ConnectorDescriptor } from '../types.js';

export const customDescriptor: ConnectorDescriptor = {
  vendor: 'custom',
  displayName: 'Custom app',
  publisher: 'Any vendor',
  product: 'Custom app (REST or SCIM 2.0)',
  authMethods: ['authorization_code', 'client_credentials', 'api_key', 'token'],
  defaults: { baseUrl: '' },
  permissions: [
    {
      process: 'download',
      permission: 'Read access to users (SCIM: a provisioning token allowed to GET /Users)',
      why: 'Lists every user with its id, email, name, license type and active flag from the users path in the configuration.',
    },
    {
      process: 'activity',
      permission: 'Read access to the activity or audit endpoint, if the app has one',
      why: 'Reads when each user was last active, from a last-activity field on users or from the configured activity endpoint. Without either (SCIM has none) Seatwise makes no inactivity candidates.',
    },
    {
      process: 'reclaim',
      permission: 'Write access to users (SCIM: PATCH /Users/{id})',
      why: 'Sends the configured reclaim call (SCIM: set active to false) and the undo call (active true). SCIM request bodies are sent as application/scim+json (RFC 7644).',
    },
  ],
  registerApp: {
    title: 'Prepare the app for Seatwise',
    intro:
      "Seatwise talks to the app's own API with credentials you create there. Pick the SCIM 2.0 preset when the app offers SCIM provisioning; otherwise describe its users endpoint.",
    checklist: [
      "Find the app's API base URL (for SCIM, the SCIM endpoint, often ending in /scim/v2) and enter it as the connection URL.",
      'Create a credential for Seatwise in the app: an API token, an API key with a user name, or an OAuth client (client ID and secret; add the redirect URL shown below for the authorization code flow).',
      'Give the credential read access to users; add write access to users only if Seatwise should reclaim seats.',
      'If the app is not SCIM: note the users path, how it pages (offset, page number, cursor or Link header) and where id, email, name, license type, active and last activity sit in each user.',
      'Note which license types are free (guests, viewers) so Seatwise does not count them as paid seats.',
      'If the app has an activity or audit log endpoint, note its path and the parameter that limits it to events since a date.',
      'Use "Test connection" to check each process before the first sync.',
    ],
    links: [
      { label: 'SCIM 2.0 protocol (RFC 7644)', url: 'https://datatracker.ietf.org/doc/html/rfc7644' },
      { label: 'SCIM 2.0 core schema (RFC 7643)', url: 'https://datatracker.ietf.org/doc/html/rfc7643' },
      { label: 'Web linking (RFC 8288)', url: 'https://datatracker.ietf.org/doc/html/rfc8288' },
    ],
    needsRedirectUri: true,
  },
  connectionUrlHelp: "The app's API base URL, e.g. https://app.example.com/api/v1, or its SCIM endpoint, e.g. https://app.example.com/scim/v2.",
  activitySupported: true,
  activityHint:
    'Give the configuration an activity endpoint or a last-activity field, if the app has one; SCIM 2.0 defines no sign-in or last-activity attribute (RFC 7643). Link an identity provider for SSO sign-ins.',
  reclaimEffects: [
    {
      action: 'remove',
      label: 'Deactivate or remove the user',
      vendorChange:
        'Seatwise makes the reclaim call of the configuration; with the SCIM 2.0 preset, PATCH /Users/{id} replacing active with false, sent as application/scim+json (RFC 7644), which keeps the user rather than deleting it. What a deactivated user can still do, and whether the app stops billing them, is the app\'s choice (RFC 7643 leaves the meaning of active to the service provider).',
      saving: 'at_reclaim',
      undoLabel: 'Reactivate',
      undoRestores: 'everything',
    },
  ],
  reclaimSupported: true,
  undoSupported: true,
};
