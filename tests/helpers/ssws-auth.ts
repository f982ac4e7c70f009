/**
 * A minimal AuthProvider for tests of Okta's API tokens: `Authorization: SSWS <token>`, the
 * scheme Okta requires for them, optionally swapped for a fresh token on refresh (to exercise
 * the client's one-refresh-after-401 rule).
 */
import type { AuthProvider } from '../../connectors/http/client.js';

export interface SswsAuth extends AuthProvider {
  /** How often refresh() was called. */
  readonly refreshes: number;
  token: string;
}

export function sswsAuth(token: string, options: { refreshTo?: string } = {}): SswsAuth {
  let refreshes = 0;
  const auth = {
    token,
    get refreshes() {
      return refreshes;
    },
    async apply(headers: Headers): Promise<void> {
      headers.set('authorization', `SSWS ${auth.token}`);
    },
    async refresh(): Promise<boolean> {
      refreshes += 1;
      if (options.refreshTo === undefined) return false;
      auth.token = options.refreshTo;
      return true;
    },
  };
  return auth;
}
