import type { ConnectionInput } from '../../preload/contract.js';
import type { AliasRecord } from '../store/schema.js';
import { tenantTokenUrl } from '../../connectors/microsoft-graph/defaults.js';
import { ConnectorError } from '../../connectors/http/errors.js';
import { AppError } from '../errors.js';

/**
 * A connection alias's settings from what the admin entered, with the vendor's default
 * endpoints filled in. Defaults may be templates on the connection URL (Salesforce's OAuth
 * endpoints live on the org's own My Domain: `{url}/services/oauth2/token`) or on the tenant
 * (Microsoft: `{tenant}`).
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
    tokenUrl: withTenant(input.tokenUrl ?? (oauth ? expand(raw.tokenUrl) : undefined), input.options?.tenant),
    revokeUrl: input.revokeUrl ?? expand(raw.revokeUrl),
    scopes: input.scopes ?? raw.scopes,
    redirectPort: input.redirectPort,
    options: { ...(input.options ?? {}) },
  };
}

/** Microsoft's token endpoint is the tenant's own: `{tenant}` becomes the tenant given. */
function withTenant(tokenUrl: string | undefined, tenant: unknown): string | undefined {
  if (!tokenUrl?.includes('{tenant}')) return tokenUrl;
  try {
    return tenantTokenUrl(typeof tenant === 'string' ? tenant : undefined, tokenUrl);
  } catch (error) {
    if (error instanceof ConnectorError) throw new AppError('invalid_input', error.message);
    throw error;
  }
}

/**
 * A new tenant on a connection whose token URL was made for the old one: the URL follows it,
 * unless the same change names a token URL of its own.
 */
export function retenant(next: AliasRecord['settings'], current: AliasRecord['settings'], givenTokenUrl: string | undefined): AliasRecord['settings'] {
  const before = current.options.tenant?.trim().toLowerCase();
  const after = next.options.tenant?.trim();
  if (givenTokenUrl !== undefined || !before || !after || after.toLowerCase() === before || !next.tokenUrl) return next;
  const segment = `/${encodeURIComponent(before)}/`;
  if (!next.tokenUrl.includes(segment)) return next;
  return { ...next, tokenUrl: withTenant(next.tokenUrl.replace(segment, '/{tenant}/'), after) };
}
