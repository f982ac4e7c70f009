import type { ConnectionInput } from '../../preload/contract.js';
import type { AliasRecord } from '../store/schema.js';

/**
 * A connection alias's settings from what the admin entered, with the vendor's default
 * endpoints filled in. Defaults may be templates on the connection URL (Salesforce's OAuth
 * endpoints live on the org's own My Domain: `{url}/services/oauth2/token`).
 */
export function toSettings(
  input: ConnectionInput,
  raw: { tokenUrl?: string; authorizeUrl?: string; revokeUrl?: string; scopes?: string[] },
): AliasRecord['settings'] {
  const baseUrl = input.baseUrl.replace(/\/+$/, '');
  const expand = (template: string | undefined): string | undefined => template?.replaceAll('{url}', baseUrl);
  const oauth = input.grantType === 'authorization_code' || input.grantType === 'client_credentials';
  return {
    baseUrl,
    grantType: input.grantType,
    clientId: input.clientId,
    username: input.username,
    authorizeUrl: input.authorizeUrl ?? (input.grantType === 'authorization_code' ? expand(raw.authorizeUrl) : undefined),
    tokenUrl: input.tokenUrl ?? (oauth ? expand(raw.tokenUrl) : undefined),
    revokeUrl: input.revokeUrl ?? expand(raw.revokeUrl),
    scopes: input.scopes ?? raw.scopes,
    redirectPort: input.redirectPort,
    options: { ...(input.options ?? {}) },
  };
}
