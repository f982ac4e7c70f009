/**
 * A full run (sign-in, proactive refresh, refresh after a 401, a refused refresh whose vendor
 * message echoes the refresh token, failed attempts, client credentials, disconnect) while
 * every token, authorization code, PKCE verifier and client secret that crosses the wire is
 * recorded. Afterwards no file written during the run (the run's temp dir and the keychain's
 * own directories) and no error message, reason or browser page may contain any of them.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionSettings } from '../../../connectors/types.js';
import { connectWithAuthorizationCode, connectWithClientCredentials } from '../../../main/auth/connect.js';
import { AuthError } from '../../../main/auth/errors.js';
import { createAuthProvider } from '../../../main/auth/provider.js';
import { disconnect } from '../../../main/auth/revoke.js';
import { describeTokens, loadTokens } from '../../../main/auth/tokens.js';
import { followToCallback, headlessBrowser, openPage } from './browser.js';
import { testKeychain, type TestKeychain } from './keychain.js';
import { CONFIDENTIAL, SCOPES, SERVICE, startAuthServer, type TestAuthServer } from './oauth-test-server.js';
import { unusedPort } from './ports.js';
import { nearExpiry, oauthSettings } from './sign-in-helper.js';

let server: TestAuthServer;
let keychain: TestKeychain;
let runDir: string;
const previousTmp = process.env.TMPDIR;

beforeAll(async () => {
  server = await startAuthServer();
  keychain = testKeychain();
  runDir = mkdtempSync(join(tmpdir(), 'seatwise-auth-run-'));
  process.env.TMPDIR = runDir; // anything that writes a temp file during the run writes it here
});
afterAll(async () => {
  if (previousTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = previousTmp;
  rmSync(runDir, { recursive: true, force: true });
  await keychain?.cleanup();
  await server?.close();
});

/** Every secret value seen on the wire. */
const secrets = new Set<string>([CONFIDENTIAL.clientSecret, SERVICE.clientSecret]);
const SECRET_PARAMS = ['code', 'code_verifier', 'refresh_token', 'client_secret', 'token', 'access_token'];

const recordingFetch: typeof fetch = async (input, init) => {
  const body = init?.body;
  if (body instanceof URLSearchParams || typeof body === 'string') {
    const form = new URLSearchParams(body);
    for (const name of SECRET_PARAMS) {
      const value = form.get(name);
      if (value) secrets.add(value);
    }
  }
  const res = await fetch(input, init);
  const text = await res.clone().text();
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    for (const name of ['access_token', 'refresh_token', 'id_token']) {
      if (typeof json[name] === 'string') secrets.add(json[name] as string);
    }
  } catch {
    // not JSON
  }
  return res;
};

/** Everything the run showed to a person or would log. */
const shown: string[] = [];
const record = (error: unknown): void => {
  if (error instanceof AuthError) {
    shown.push(error.message, error.detail ?? '', JSON.stringify(error));
  } else if (error instanceof Error) {
    shown.push(error.message);
  }
};
const settled = async (promise: Promise<unknown>): Promise<void> => {
  await promise.then(
    (value) => void shown.push(JSON.stringify(value === undefined ? null : typeof value === 'object' ? describeTokens(value as never) : value)),
    record,
  );
};

function filesWrittenSince(dir: string | undefined, since: number): string[] {
  if (!dir) return [];
  const out: string[] = [];
  const walk = (path: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(path);
    } catch {
      return;
    }
    for (const name of entries) {
      const full = join(path, name);
      const info = statSync(full, { throwIfNoEntry: false });
      if (!info) continue;
      if (info.isDirectory()) walk(full);
      else if (info.isFile() && info.mtimeMs >= since - 1000) out.push(full);
    }
  };
  walk(dir);
  return out;
}

describe('no secret leaves the keychain', () => {
  it('no file written during a full login/refresh run and no message contains a token, code, verifier or secret', async () => {
    // "Written during the run" is judged by file times, so the start is a file time too: the
    // file system's clock, not Date.now() (the two need not agree, e.g. under a shifted clock).
    const marker = join(runDir, 'run-started');
    writeFileSync(marker, '');
    const started = statSync(marker).mtimeMs;
    const settings = oauthSettings(server);
    const signInSettings = { authorizeUrl: server.authorizeUrl, tokenUrl: server.tokenUrl, clientId: CONFIDENTIAL.clientId, scopes: SCOPES };
    const reasons: string[] = [];

    // 1. Full login.
    const browser = headlessBrowser();
    const first = await connectWithAuthorizationCode({
      aliasId: 'leak',
      vault: keychain.vault,
      settings: signInSettings,
      clientSecret: CONFIDENTIAL.clientSecret,
      openBrowser: browser.openBrowser,
      timeoutMs: 10_000,
      fetch: recordingFetch,
    });
    for (const url of browser.callbackUrls) secrets.add(new URL(url).searchParams.get('code') as string);
    shown.push(...(await browser.pages()).map((p) => p.html), JSON.stringify(describeTokens(first)));

    // 2. Proactive refresh, then 3. a refresh after a 401.
    const provider = createAuthProvider({ aliasId: 'leak', settings, vault: keychain.vault, now: nearExpiry(first), fetch: recordingFetch, onNeedsSignIn: (r) => void reasons.push(r) });
    await provider.apply(new Headers());
    const later = createAuthProvider({ aliasId: 'leak', settings, vault: keychain.vault, fetch: recordingFetch });
    expect(await later.refresh()).toBe(true);

    // 4. A refused refresh whose vendor message echoes the refresh token it was given.
    server.refreshFailure = (refreshToken) => `refresh token ${refreshToken} was revoked by an administrator`;
    const latest = await loadTokens(keychain.vault, 'leak');
    const refused = createAuthProvider({ aliasId: 'leak', settings, vault: keychain.vault, now: nearExpiry(latest as never), fetch: recordingFetch, onNeedsSignIn: (r) => void reasons.push(r) });
    await settled(refused.apply(new Headers()));
    server.refreshFailure = undefined;
    expect(reasons.join('\n')).toContain('[redacted]');

    // 5. Failed attempts: wrong state, declined consent, a second callback, a wrong client secret.
    await settled(
      connectWithAuthorizationCode({
        aliasId: 'leak-2',
        vault: keychain.vault,
        settings: signInSettings,
        clientSecret: CONFIDENTIAL.clientSecret,
        timeoutMs: 10_000,
        fetch: recordingFetch,
        openBrowser: async (url) => {
          void followToCallback(url).then(async (callbackUrl) => {
            secrets.add(new URL(callbackUrl).searchParams.get('code') as string);
            const forged = new URL(callbackUrl);
            forged.searchParams.set('state', 'forged');
            shown.push((await openPage(forged.href)).html);
          });
        },
      }),
    );
    server.consent = 'deny';
    const denied = headlessBrowser();
    await settled(connectWithAuthorizationCode({ aliasId: 'leak-2', vault: keychain.vault, settings: signInSettings, openBrowser: denied.openBrowser, timeoutMs: 10_000 }));
    shown.push(...(await denied.pages()).map((p) => p.html));
    server.consent = 'approve';

    server.tokenDelayMs = 300;
    const twice = headlessBrowser((url) => Promise.all([openPage(url), openPage(url)]));
    await settled(
      connectWithAuthorizationCode({
        aliasId: 'leak-2',
        vault: keychain.vault,
        settings: signInSettings,
        clientSecret: CONFIDENTIAL.clientSecret,
        openBrowser: twice.openBrowser,
        timeoutMs: 10_000,
        fetch: recordingFetch,
      }),
    );
    server.tokenDelayMs = 0;
    for (const url of twice.callbackUrls) secrets.add(new URL(url).searchParams.get('code') as string);
    shown.push(...(await twice.pages()).map((p) => p.html));

    const wrongSecret = headlessBrowser();
    await settled(
      connectWithAuthorizationCode({
        aliasId: 'leak-2',
        vault: keychain.vault,
        settings: signInSettings,
        clientSecret: 'wrong-client-secret-9f8e7d6c5b4a',
        openBrowser: wrongSecret.openBrowser,
        timeoutMs: 10_000,
        fetch: recordingFetch,
      }),
    );
    for (const url of wrongSecret.callbackUrls) secrets.add(new URL(url).searchParams.get('code') as string);

    // 6. Client credentials, good and bad.
    const ccSettings: ConnectionSettings = { baseUrl: server.issuer, grantType: 'client_credentials', clientId: SERVICE.clientId, tokenUrl: server.tokenUrl, scopes: SCOPES, options: {} };
    await settled(connectWithClientCredentials({ aliasId: 'leak-cc', vault: keychain.vault, settings: ccSettings, clientSecret: SERVICE.clientSecret, fetch: recordingFetch }));
    await settled(connectWithClientCredentials({ aliasId: 'leak-cc2', vault: keychain.vault, settings: ccSettings, clientSecret: 'wrong-service-secret-1a2b3c4d', fetch: recordingFetch }));

    // 7. Disconnect, once reachable and once not.
    const disconnected = await disconnect({ aliasId: 'leak', settings, vault: keychain.vault, fetch: recordingFetch });
    shown.push(JSON.stringify(disconnected));
    const unreachable = await disconnect({ aliasId: 'leak-cc', settings: { ...ccSettings, revokeUrl: `http://127.0.0.1:${await unusedPort()}/revoke` }, vault: keychain.vault });
    shown.push(JSON.stringify(unreachable));
    shown.push(...reasons);

    // The run really produced secrets, messages and keychain writes.
    expect(secrets.size).toBeGreaterThanOrEqual(12);
    expect(shown.filter(Boolean).length).toBeGreaterThanOrEqual(15);
    const files = [
      ...filesWrittenSince(runDir, started),
      ...filesWrittenSince(process.env.XDG_DATA_HOME, started),
      ...filesWrittenSince(process.env.XDG_RUNTIME_DIR, started),
    ];
    expect(files.some((f) => f.endsWith('.keyring'))).toBe(true);

    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThanOrEqual(8);
      for (const text of shown) expect(text.includes(secret), `a message contains a secret: ${text.slice(0, 120)}`).toBe(false);
      for (const file of files) {
        expect(readFileSync(file).includes(Buffer.from(secret)), `${file} contains a secret`).toBe(false);
      }
    }
  });
});
