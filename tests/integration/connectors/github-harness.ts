/**
 * Builds a real GitHub Copilot connector (real HttpClient, bearer auth) against a simulator URL,
 * the way main does, for the GitHub integration tests. Waits are recorded, not slept: the HTTP
 * client's (429s, 5xx backoff) and the connector's own (GitHub's 403 rate limits) both go to
 * `sleep`, which tests point at a FakeClock so the simulator's windows move without real time.
 */
import { createGithubConnector } from '../../../connectors/github/connector.js';
import { githubDescriptor } from '../../../connectors/github/descriptor.js';
import { githubHttpOptions } from '../../../connectors/github/http-options.js';
import { createHttpClient, type AuthProvider, type HttpClient } from '../../../connectors/http/index.js';
import type { Connector, SyncProgress } from '../../../connectors/types.js';
import { bearerAuth } from '../../helpers/bearer-auth.js';

export interface GithubHarness {
  connector: Connector;
  http: HttpClient;
  progress: Array<Partial<SyncProgress>>;
  /** Every wait the HTTP client asked for (429 Retry-After, 5xx backoff), in order. */
  clientWaits: number[];
  /** Every wait the connector asked for (GitHub's 403 rate limits), in order. */
  githubWaits: number[];
}

export function connectGithub(options: {
  baseUrl: string;
  token?: string;
  auth?: AuthProvider;
  org?: string;
  now: Date;
  /** Moves a fake clock; both kinds of wait go through it. */
  sleep?: (ms: number) => Promise<void>;
  clock?: () => number;
  maxAttempts?: number;
  /** Rewrites answers, as a hostile vendor would. */
  fetch?: typeof fetch;
}): GithubHarness {
  const progress: Array<Partial<SyncProgress>> = [];
  const clientWaits: number[] = [];
  const githubWaits: number[] = [];
  const signal = new AbortController().signal;
  const http = createHttpClient({
    baseUrl: options.baseUrl,
    vendorName: githubDescriptor.displayName,
    auth: options.auth ?? bearerAuth(options.token ?? ''),
    signal,
    sleep: async (ms) => {
      clientWaits.push(ms);
      await options.sleep?.(ms);
    },
    // A fixed draw: the jitter and backoff are the same every run.
    random: () => 0.5,
    fetch: options.fetch,
    policy: { maxAttempts: options.maxAttempts ?? 6, timeoutMs: 10_000 },
    ...githubHttpOptions,
  });
  const connector = createGithubConnector(
    {
      http,
      settings: { baseUrl: options.baseUrl, grantType: 'token', options: options.org === undefined ? {} : { org: options.org } },
      signal,
      progress: (update) => progress.push(update),
      now: () => options.now,
    },
    {
      sleep: async (ms) => {
        githubWaits.push(ms);
        await options.sleep?.(ms);
      },
      clock: options.clock ?? (() => options.now.getTime()),
    },
  );
  return { connector, http, progress, clientWaits, githubWaits };
}

/**
 * A fetch that hands the JSON body of matching answers to `rewrite` first: a vendor sending
 * the wrong types, too many seats, the same seat twice.
 */
export function rewritingFetch(matches: (url: string) => boolean, rewrite: (body: Record<string, unknown>) => unknown): typeof fetch {
  return async (input, init) => {
    const res = await fetch(input, init);
    const url = String(input instanceof Request ? input.url : input);
    if (!matches(url) || res.status !== 200) return res;
    const body = rewrite((await res.json()) as Record<string, unknown>);
    return new Response(JSON.stringify(body), { status: res.status, headers: res.headers });
  };
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
