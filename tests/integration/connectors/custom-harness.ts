/**
 * Builds a real custom connector (real HttpClient, bearer auth) over a configuration, the way
 * main does, for the custom and SCIM integration tests.
 */
import { createCustomConnector } from '../../../connectors/custom/connector.js';
import type { CustomConfigInput } from '../../../connectors/custom/config.js';
import { customHttpOptions } from '../../../connectors/custom/http-options.js';
import { createHttpClient, type HttpClient } from '../../../connectors/http/index.js';
import type { Connector, SyncProgress } from '../../../connectors/types.js';
import { bearerAuth } from '../../helpers/bearer-auth.js';

/** A real custom connector (real HttpClient, bearer auth) over a configuration, the way main builds it. */
export interface CustomHarness {
  connector: Connector;
  http: HttpClient;
  progress: Array<Partial<SyncProgress>>;
}

export function connectCustom(options: {
  baseUrl: string;
  token: string;
  /** The configuration (JSON-encoded into options.custom), or a preset name. */
  config?: CustomConfigInput;
  preset?: 'scim';
  maxAttempts?: number;
  now?: () => Date;
}): CustomHarness {
  const progress: Array<Partial<SyncProgress>> = [];
  const signal = new AbortController().signal;
  const http = createHttpClient({
    baseUrl: options.baseUrl,
    vendorName: 'Custom app',
    auth: bearerAuth(options.token),
    signal,
    sleep: async () => undefined,
    policy: { maxAttempts: options.maxAttempts ?? 3, timeoutMs: 10_000 },
    ...customHttpOptions,
  });
  const settingsOptions: Record<string, string> = {};
  if (options.config) settingsOptions.custom = JSON.stringify(options.config);
  if (options.preset) settingsOptions.preset = options.preset;
  const connector = createCustomConnector({
    http,
    settings: { baseUrl: options.baseUrl, grantType: 'token', options: settingsOptions },
    signal,
    progress: (update) => progress.push(update),
    now: options.now ?? (() => new Date()),
  });
  return { connector, http, progress };
}
