/**
 * Builds a real Microsoft 365 or Entra ID connector (real HttpClient, bearer auth) against the
 * Graph simulator, the way main does, for the Microsoft integration tests; and gets a token from
 * the simulator's token endpoint as main's client credentials grant would.
 */
import { createHttpClient, type AuthProvider, type HttpClient } from '../../../connectors/http/index.js';
import type { ConnectorEntry } from '../../../connectors/registry.js';
import type { Connector, SyncProgress } from '../../../connectors/types.js';
import { bearerAuth } from '../../helpers/bearer-auth.js';

export interface GraphHarness {
  connector: Connector;
  http: HttpClient;
  progress: Array<Partial<SyncProgress>>;
  /** Every wait the client asked for (Retry-After, backoff), in order: recorded, not slept. */
  waits: number[];
}

export function connectGraph(
  entry: ConnectorEntry,
  options: {
    baseUrl: string;
    token?: string;
    auth?: AuthProvider;
    tenant?: string;
    clientId?: string;
    extra?: Record<string, string>;
    sleep?: (ms: number) => Promise<void>;
    maxAttempts?: number;
    now?: Date;
  },
): GraphHarness {
  const progress: Array<Partial<SyncProgress>> = [];
  const waits: number[] = [];
  const signal = new AbortController().signal;
  const http = createHttpClient({
    baseUrl: options.baseUrl,
    vendorName: entry.descriptor.displayName,
    auth: options.auth ?? bearerAuth(options.token ?? ''),
    signal,
    sleep: async (ms) => {
      waits.push(ms);
      await options.sleep?.(ms);
    },
    random: () => 0.5,
    policy: { maxAttempts: options.maxAttempts ?? 6, timeoutMs: 10_000 },
    ...entry.http,
  });
  const connector = entry.create({
    http,
    settings: {
      baseUrl: options.baseUrl,
      grantType: 'client_credentials',
      clientId: options.clientId,
      options: { ...(options.tenant ? { tenant: options.tenant } : {}), ...options.extra },
    },
    signal,
    progress: (update) => progress.push(update),
    now: () => options.now ?? new Date(),
  });
  return { connector, http, progress, waits };
}

/** POSTs the client credentials grant to a simulated token endpoint: status and JSON body. */
export async function requestToken(
  tokenUrl: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
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
