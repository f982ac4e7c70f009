/**
 * An app with no API: its seats come from the vendor's user export (a CSV file) imported by the
 * admin, and reclaim is a task list for a ticket instead of vendor calls.
 */
import type { ConnectorDescriptor, ReclaimEffect } from '../types.js';

/** Not a URL anything is sent to: a CSV app makes no network call. Kept so every profile has one. */
export const CSV_BASE_URL = 'file:///export.csv';

/** `settings.options.fileName`: the name of the file last imported, shown with the profile. */
export const CSV_FILE_NAME_OPTION = 'fileName';

export const CSV_TASK_EFFECT: ReclaimEffect = {
  action: 'remove',
  label: 'Write a task to remove the user',
  vendorChange:
    'Nothing is changed at the vendor: Seatwise writes a task list (email, name, license type, what to do) for a ticket, and the seats stay pending until you mark them reclaimed or the next import no longer lists the person.',
  adminTodo: "Remove each listed user in the app's admin console, lower the seat count if the vendor bills per seat, then mark the candidates reclaimed (seatwise candidates mark-reclaimed ID...).",
  saving: 'when_owned_drops',
  undoRestores: 'nothing',
};

export const csvDescriptor: ConnectorDescriptor = {
  vendor: 'csv',
  displayName: 'CSV app (no API)',
  publisher: 'Any vendor',
  // Rules are named after the product and the license type: "CSV export Pro, 60 days".
  product: 'CSV export',
  // No credential: the grant is only what every profile records; the CSV app never signs in.
  authMethods: ['token'],
  defaults: { baseUrl: CSV_BASE_URL },
  permissions: [
    { process: 'download', permission: "An admin's user export from the app", why: 'Seatwise reads the email, name and license type of every user, and the last active date if the export has one.' },
    { process: 'activity', permission: 'A last-active column, or an identity provider link', why: 'Without a last-active column in the export, link the profile to an Okta or Entra ID app: SSO sign-ins count as activity.' },
    { process: 'reclaim', permission: 'None', why: 'Reclaim writes a task list; someone removes the users in the app and marks them reclaimed.' },
  ],
  registerApp: {
    title: "Export the app's users as CSV",
    intro: "For an app with no API, Seatwise reads the vendor's user export. Nothing is registered at the vendor and no credential is stored.",
    checklist: [
      "In the app's admin console, export the list of users (often under Users, Members or Billing) as CSV.",
      'The export needs a header row with an email, a name and a license type (plan, seat type) column; a last active or last login column gives activity.',
      'Import a new export whenever you want the seats read again: a person missing from it has left the app.',
    ],
    links: [],
    needsRedirectUri: false,
  },
  connectionUrlHelp: 'A CSV app has no URL: its seats come from the file you import.',
  connectionOptions: [],
  fileImport: true,
  activitySupported: true,
  activityHint:
    "Activity comes from the export's last-active column. An export without one has no activity: link the profile to an identity provider app (seatwise profiles link) and SSO sign-ins count as activity.",
  reclaimEffects: [CSV_TASK_EFFECT],
  reclaimSupported: true,
  undoSupported: false,
};
