/**
 * Client-side checks for the new integration form. They mirror the contract's rules (name
 * required and at most 120 characters, a URL that parses) so mistakes show beside the field
 * at once; main validates again with the real schemas.
 */
import type { GrantType } from '../../types.js';

export interface IntegrationFormValues {
  name: string;
  baseUrl: string;
  grantType: GrantType | '';
  clientId: string;
  /** Sent once with connection:setSecret, then cleared. Never read back. */
  secret: string;
  /** Asana only: options.workspace. */
  workspace: string;
}

export type FieldName = keyof IntegrationFormValues;
export type FieldErrors = Partial<Record<FieldName, string>>;

/** The order fields appear in, so the first error can take focus. */
export const FIELD_ORDER: readonly FieldName[] = ['name', 'baseUrl', 'grantType', 'clientId', 'secret', 'workspace'];

export function usesOAuthClient(grant: GrantType | ''): boolean {
  return grant === 'client_credentials' || grant === 'authorization_code';
}

export function validateIntegration(
  values: IntegrationFormValues,
  context: { vendor: string; authMethods: readonly GrantType[]; secretStored: boolean },
): FieldErrors {
  const errors: FieldErrors = {};
  const name = values.name.trim();
  if (name === '') errors.name = 'Give the integration a name, for example “Asana – Marketing”.';
  else if (name.length > 120) errors.name = `Keep the name to 120 characters (it has ${name.length}).`;

  const url = values.baseUrl.trim();
  if (url === '') errors.baseUrl = 'Enter the connection URL.';
  else {
    let parsed: URL | null;
    try {
      parsed = new URL(url);
    } catch {
      parsed = null;
    }
    if (!parsed) errors.baseUrl = 'This is not a URL Seatwise can use. It should look like https://app.example.com/api.';
    else if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') errors.baseUrl = 'The connection URL must start with https:// (or http:// for a local test server).';
    else if (url.length > 2000) errors.baseUrl = 'The URL is too long (2,000 characters at most).';
  }

  if (values.grantType === '') errors.grantType = 'Choose how Seatwise signs in.';
  else if (!context.authMethods.includes(values.grantType)) errors.grantType = 'This application does not support that sign-in method.';

  if (usesOAuthClient(values.grantType) && values.clientId.trim() === '') errors.clientId = 'Enter the client ID from the app you registered at the vendor.';

  const secretNeeded = values.grantType === 'token' || values.grantType === 'api_key' || values.grantType === 'client_credentials';
  if (secretNeeded && !context.secretStored && values.secret.trim() === '') {
    errors.secret =
      values.grantType === 'token'
        ? 'Paste the access token Seatwise should use.'
        : values.grantType === 'api_key'
          ? 'Paste the API key Seatwise should use.'
          : 'Paste the client secret of the app you registered.';
  }

  if (context.vendor === 'asana' && values.workspace.trim() !== '' && !/^\d{1,30}$/.test(values.workspace.trim())) {
    errors.workspace = 'A workspace gid is a number, like 1200000000000001.';
  }
  return errors;
}
