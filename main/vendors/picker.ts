import { allConnectors } from '../../connectors/registry.js';
import type { VendorDescriptorDto } from '../../preload/contract.js';

/**
 * The vendor picker's entries: every connector, plus "SCIM 2.0 app", which is the custom
 * connector with its SCIM preset filled in (the admin gives only the SCIM base URL and a token).
 */
export function pickerEntries(): VendorDescriptorDto[] {
  const entries: VendorDescriptorDto[] = allConnectors().map((c) => ({ ...c.descriptor }));
  const custom = entries.find((e) => e.vendor === 'custom');
  if (custom) {
    entries.push({
      ...custom,
      preset: 'scim',
      displayName: 'SCIM 2.0 app',
      authMethods: ['token', 'client_credentials', 'authorization_code'],
      connectionUrlHelp: "The app's SCIM 2.0 base URL, e.g. https://app.example.com/scim/v2 (it serves /Users and /ServiceProviderConfig).",
      activitySupported: false,
      registerApp: {
        ...custom.registerApp,
        title: 'Turn on SCIM provisioning at the vendor',
        intro: 'Seatwise reads users over SCIM 2.0 (RFC 7644). SCIM carries no last-login date, so a SCIM app shows its seats and costs but makes no inactivity candidates.',
        checklist: [
          "In the application's admin settings, turn on SCIM provisioning and note the SCIM base URL (it ends in /scim/v2 for most apps).",
          'Create a SCIM API token (bearer token) for an admin account, and paste it in the connection step.',
          'For reclaim, the token must be allowed to update users (PATCH active=false).',
        ],
        needsRedirectUri: false,
      },
    });
  }
  return entries;
}
