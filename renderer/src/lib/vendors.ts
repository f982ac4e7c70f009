/**
 * How each vendor looks in the renderer: its name and its mark. Descriptors from
 * `vendors:list` carry the authoritative texts; these are the fallbacks and the visuals,
 * so a list of profiles can render before the descriptors arrive.
 */
import type { GrantType, Vendor } from '../types.js';

export interface VendorLook {
  /** Stable key for a picker entry: the vendor, plus its preset ("custom:scim"). */
  key: string;
  name: string;
  /** One or two letters shown in the mark. */
  monogram: string;
  /** CSS modifier: `vendor-mark--<tone>` sets the mark's colours. */
  tone: 'asana' | 'salesforce' | 'calendly' | 'custom' | 'scim' | 'okta' | 'entra' | 'microsoft365' | 'github' | 'zoom';
}

const LOOKS: Record<string, VendorLook> = {
  asana: { key: 'asana', name: 'Asana', monogram: 'As', tone: 'asana' },
  salesforce: { key: 'salesforce', name: 'Salesforce CRM', monogram: 'Sf', tone: 'salesforce' },
  calendly: { key: 'calendly', name: 'Calendly', monogram: 'Ca', tone: 'calendly' },
  custom: { key: 'custom', name: 'Custom app', monogram: '{}', tone: 'custom' },
  'custom:scim': { key: 'custom:scim', name: 'SCIM 2.0 app', monogram: 'SC', tone: 'scim' },
  okta: { key: 'okta', name: 'Okta', monogram: 'Ok', tone: 'okta' },
  entra: { key: 'entra', name: 'Microsoft Entra ID', monogram: 'En', tone: 'entra' },
  microsoft365: { key: 'microsoft365', name: 'Microsoft 365', monogram: 'M3', tone: 'microsoft365' },
  github: { key: 'github', name: 'GitHub', monogram: 'Gh', tone: 'github' },
  zoom: { key: 'zoom', name: 'Zoom', monogram: 'Zm', tone: 'zoom' },
};

export function vendorKey(vendor: Vendor | string, preset?: string): string {
  return preset ? `${vendor}:${preset}` : vendor;
}

export function vendorLook(vendor: Vendor | string, preset?: string): VendorLook {
  return LOOKS[vendorKey(vendor, preset)] ?? LOOKS[vendor] ?? { key: vendorKey(vendor, preset), name: vendor, monogram: vendor.slice(0, 2), tone: 'custom' };
}

export const GRANT_TYPE_LABELS: Record<GrantType, string> = {
  token: 'Personal access or service account token',
  api_key: 'API key',
  client_credentials: 'OAuth 2.0 client credentials',
  authorization_code: 'OAuth 2.0 sign-in (authorization code)',
};

/** Which keychain entry the single secret field fills for a grant type. */
export function secretKindFor(grant: GrantType): 'token' | 'apiKey' | 'clientSecret' {
  if (grant === 'token') return 'token';
  if (grant === 'api_key') return 'apiKey';
  return 'clientSecret';
}

export const SECRET_LABELS: Record<GrantType, string> = {
  token: 'Access token',
  api_key: 'API key',
  client_credentials: 'Client secret',
  authorization_code: 'Client secret',
};
