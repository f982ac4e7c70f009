/**
 * The connection URL must be the org's own domain. The Admin Console's address
 * (acme-admin.okta.com) is what an admin has in the browser bar, but it is not where the API
 * answers: say so before the first call instead of passing on a confusing vendor error.
 */
import { ConnectorError } from '../http/errors.js';

export function assertOrgUrl(baseUrl: string): void {
  let host: string;
  try {
    host = new URL(baseUrl).hostname;
  } catch {
    return; // the HTTP client explains an invalid URL itself
  }
  const admin = /^(.+)-admin\.(okta\.com|oktapreview\.com|okta-emea\.com|okta-gov\.com|okta\.mil)$/i.exec(host);
  if (admin) {
    throw new ConnectorError(
      'config',
      `The connection URL is Okta's Admin Console (${host}); the API answers on the org's own domain: use https://${admin[1]}.${admin[2]} (or your custom domain).`,
    );
  }
}
