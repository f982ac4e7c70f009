/**
 * Where Microsoft Graph and its token endpoint live, shared by Microsoft 365 and Entra ID: both
 * connect as one app registration of the tenant, with application permissions and the client
 * credentials grant (Microsoft identity platform, "OAuth 2.0 client credentials flow").
 */
import { ConnectorError } from '../http/errors.js';

export const GRAPH_DEFAULT_BASE_URL = 'https://graph.microsoft.com/v1.0';

/** `settings.options.tenant`: the directory (tenant) id or a verified domain of the tenant. */
export const TENANT_OPTION = 'tenant';

/**
 * The tenant's v2.0 token endpoint. `{tenant}` is replaced with `settings.options.tenant` before
 * the grant (see tenantTokenUrl): a client credentials grant must name the tenant, since
 * "common" and "organizations" issue no app-only tokens.
 */
export const GRAPH_TOKEN_URL_TEMPLATE = 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token';

/**
 * Client credentials ask for the resource's `.default` scope: the token then carries every
 * application permission an admin granted the app, and nothing else can be asked for
 * (Entra answers AADSTS1002012 to any other scope in this flow).
 */
export const GRAPH_SCOPES = ['https://graph.microsoft.com/.default'];

/** A tenant as the connection step checks it: a GUID or a domain (the regexes below, unanchored). */
export const TENANT_PATTERN = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A DNS name such as contoso.onmicrosoft.com: letters, digits, hyphens and dots only. */
const DOMAIN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/** A tenant as Entra accepts it in the token URL: its directory id or one of its domains. */
export function isTenant(value: string): boolean {
  return isGuid(value) || DOMAIN.test(value);
}

/**
 * The token URL for a tenant: `template` (GRAPH_TOKEN_URL_TEMPLATE, or an admin's own with
 * `{tenant}`) with the tenant put in. The tenant is checked first, so a value with a slash or a
 * query cannot send the client secret anywhere but that tenant's endpoint.
 */
export function tenantTokenUrl(tenant: string | undefined, template: string = GRAPH_TOKEN_URL_TEMPLATE): string {
  const value = tenant?.trim() ?? '';
  if (!template.includes('{tenant}')) return template;
  if (!isTenant(value)) {
    throw new ConnectorError(
      'config',
      value
        ? `"${value.slice(0, 80)}" is not a Microsoft Entra tenant: enter the directory (tenant) ID from the app registration's Overview page, or a domain such as contoso.onmicrosoft.com.`
        : 'The connection has no tenant: enter the directory (tenant) ID from the app registration\'s Overview page.',
    );
  }
  return template.replaceAll('{tenant}', encodeURIComponent(value.toLowerCase()));
}
