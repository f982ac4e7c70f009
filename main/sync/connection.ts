/**
 * Turns a stored connection alias into a live connector: the vendor's factory, an HTTP
 * client with the retry policy, and the alias's credentials from the keychain.
 */
import { createHttpClient, type HttpClient } from '../../connectors/http/client.js';
import { connectorEntry } from '../../connectors/registry.js';
import type { Connector, SyncProgress } from '../../connectors/types.js';
import { createAuthProvider } from '../auth/provider.js';
import { AppError } from '../errors.js';
import type { AliasRecord } from '../store/schema.js';
import type { SecretStore } from '../vault/secret-store.js';
import { vendorLimiters, type VendorLimiters } from './vendor-limits.js';

export interface OpenConnectorOptions {
  alias: AliasRecord;
  vault: SecretStore;
  signal: AbortSignal;
  now: () => Date;
  progress?: (update: Partial<SyncProgress>) => void;
  onNeedsSignIn?: (reason: string) => void;
  onTokensChanged?: (info: { expiresAt?: string }) => void;
  /** The vendor accounts' shared limits; default the process's own. */
  limiters?: VendorLimiters;
  /** A file-imported source's export for this run (ConnectorContext.input). */
  input?: string;
}

export interface LiveConnector {
  connector: Connector;
  http: HttpClient;
}

/**
 * Async because a vendor whose API lives at the token's instance (Salesforce) needs the token
 * first: a client-credentials connection asks the token endpoint here, and a refused grant is
 * thrown here as the connection error it is.
 */
export async function openConnector(options: OpenConnectorOptions): Promise<LiveConnector> {
  const { alias } = options;
  const registered = connectorEntry(alias.vendor);
  if (!registered) throw new AppError('unsupported_vendor', `Seatwise has no connector for ${alias.vendor} yet.`);
  const entry = await registered.load();
  const auth = createAuthProvider({
    aliasId: alias.id,
    settings: alias.settings,
    vault: options.vault,
    onNeedsSignIn: options.onNeedsSignIn,
    now: options.now,
    tokenScheme: entry.descriptor.defaults.tokenScheme,
  });
  const instance = entry.descriptor.defaults.apiAtTokenInstance ? await auth.instanceUrl() : undefined;
  const baseUrl = instance ?? alias.settings.baseUrl;
  // Every run on one vendor account shares its allowance (vendor-limits.ts).
  const account = (options.limiters ?? vendorLimiters).forAccount({ vendor: alias.vendor, baseUrl, options: alias.settings.options }, entry.http?.concurrency);
  const http = createHttpClient({
    baseUrl,
    vendorName: entry.descriptor.displayName,
    auth,
    signal: options.signal,
    ...entry.http,
    fetch: account.wrap((input, init) => globalThis.fetch(input, init), { signal: options.signal, timeoutMs: entry.http?.policy?.timeoutMs }),
  });
  const connector = entry.create({
    http,
    settings: alias.settings,
    signal: options.signal,
    progress: options.progress ?? (() => undefined),
    now: options.now,
    ...(options.input !== undefined ? { input: options.input } : {}),
  });
  return { connector, http };
}
