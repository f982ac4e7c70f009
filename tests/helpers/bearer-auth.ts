/**
 * A minimal AuthProvider for tests: a static bearer token, optionally swapped for a fresh one
 * on refresh (to exercise the client's one-refresh-after-401 rule).
 */
import type { AuthProvider } from '../../connectors/http/client.js';

export interface BearerAuth extends AuthProvider {
  /** How often refresh() was called. */
  readonly refreshes: number;
  token: string;
}

export function bearerAuth(token: string, options: { refreshTo?: string } = {}): BearerAuth {
  let refreshes = 0;
  const auth = {
    token,
    get refreshes() {
      return refreshes;
    },
    async apply(headers: Headers): Promise<void> {
      headers.set('authorization', `Bearer ${auth.token}`);
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
