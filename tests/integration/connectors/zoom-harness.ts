/**
 * Builds a real Zoom connector (real HttpClient, bearer auth) against a simulator URL, the way
 * main does, for the Zoom integration tests.
 */
import { createZoomConnector } from '../../../connectors/zoom/connector.js';
import { zoomDescriptor } from '../../../connectors/zoom/descriptor.js';
import { zoomHttpOptions } from '../../../connectors/zoom/http-options.js';
import { createHttpClient, type AuthProvider, type HttpClient } from '../../../connectors/http/index.js';
import type { Connector, SyncProgress } from '../../../connectors/types.js';
import { bearerAuth } from '../../helpers/bearer-auth.js';

export interface ZoomHarness {
  connector: Connector;
  http: HttpClient;
  progress: Array<Partial<SyncProgress>>;
  /** Every wait the client asked for (429 backoffs, Retry-After), in order. */
  waits: number[];
}

export function connectZoom(options: {
  baseUrl: string;
  token?: string;
  auth?: AuthProvider;
  accountId?: string;
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
  maxAttempts?: number;
}): ZoomHarness {
  const progress: Array<Partial<SyncProgress>> = [];
  const waits: number[] = [];
  const signal = new AbortController().signal;
  const http = createHttpClient({
    baseUrl: options.baseUrl,
    vendorName: zoomDescriptor.displayName,
    auth: options.auth ?? bearerAuth(options.token ?? ''),
    signal,
    // Waits are recorded, not slept (or moved on a fake clock): retry tests never depend on timing.
    sleep: async (ms) => {
      waits.push(ms);
      await options.sleep?.(ms);
    },
    // A fixed draw: the backoff after a per-second 429 is the same every run.
    random: () => 0.5,
    fetch: options.fetch,
    policy: { maxAttempts: options.maxAttempts ?? 6, timeoutMs: 10_000 },
    ...zoomHttpOptions,
  });
  const connector = createZoomConnector({
    http,
    settings: {
      baseUrl: options.baseUrl,
      grantType: 'client_credentials',
      options: options.accountId ? { accountId: options.accountId } : {},
    },
    signal,
    progress: (update) => progress.push(update),
    now: () => new Date(),
  });
  return { connector, http, progress, waits };
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
