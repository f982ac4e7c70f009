/**
 * Builds a real Asana connector (real HttpClient, bearer auth) against a simulator URL, the
 * way main does, for the integration tests.
 */
import { asanaHttpOptions } from '../../../connectors/asana/http-options.js';
import { createAsanaConnector } from '../../../connectors/asana/connector.js';
import { createHttpClient, type HttpClient } from '../../../connectors/http/index.js';
import type { Connector, SyncProgress } from '../../../connectors/types.js';
import { bearerAuth } from '../../helpers/bearer-auth.js';

export interface Harness {
  connector: Connector;
  http: HttpClient;
  progress: Array<Partial<SyncProgress>>;
}

export function connectAsana(options: {
  baseUrl: string;
  token: string;
  workspace?: string;
  sleep?: (ms: number) => Promise<void>;
  maxAttempts?: number;
  now?: () => Date;
}): Harness {
  const progress: Array<Partial<SyncProgress>> = [];
  const signal = new AbortController().signal;
  const http = createHttpClient({
    baseUrl: options.baseUrl,
    vendorName: 'Asana',
    auth: bearerAuth(options.token),
    signal,
    // Waits are recorded, not slept: retry tests stay fast and never depend on timing.
    sleep: options.sleep ?? (async () => undefined),
    policy: { maxAttempts: options.maxAttempts ?? 6, timeoutMs: 10_000 },
    ...asanaHttpOptions,
  });
  const connector = createAsanaConnector({
    http,
    settings: {
      baseUrl: options.baseUrl,
      grantType: 'token',
      options: options.workspace ? { workspace: options.workspace } : {},
    },
    signal,
    progress: (update) => progress.push(update),
    now: options.now ?? (() => new Date()),
  });
  return { connector, http, progress };
}

export async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...page);
  return out;
}

export async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
}
