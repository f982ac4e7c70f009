/**
 * `seatwise connect` / `seatwise disconnect` as child processes (the built CLI) against a real
 * OAuth server and a real keychain. Build first (`npm run build`), then run under
 * scripts/with-keyring.sh.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadTokens } from '../../../main/auth/tokens.js';
import { KeytarSecretStore } from '../../../main/vault/keytar-store.js';
import { assertBuilt, cliEntry, runCli, type CliResult } from '../../helpers/cli.js';
import { followToCallback, openPage } from '../auth/browser.js';
import { CONFIDENTIAL, SCOPES, SERVICE, startAuthServer, type TestAuthServer } from '../auth/oauth-test-server.js';

let server: TestAuthServer;
let dataDir: string;
/** The CLI's own keychain service, on the private keyring of scripts/with-keyring.sh. */
const vault = new KeytarSecretStore();
/** Aliases this file created: other CLI tests share the keychain service, so only these are cleaned up. */
const ours = new Set<string>();

beforeAll(async () => {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) throw new Error('Run under scripts/with-keyring.sh.');
  assertBuilt();
  server = await startAuthServer();
});
beforeEach(() => {
  server.consent = 'approve';
  dataDir = mkdtempSync(join(tmpdir(), 'seatwise-cli-connect-'));
});
afterEach(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  for (const account of await vault.list()) {
    if (ours.has(account.slice(0, account.lastIndexOf(':')))) await vault.delete(account);
  }
});
afterAll(async () => {
  await server?.close();
});

async function addProfile(name: string): Promise<void> {
  const added = await runCli(
    ['profiles', 'add', '--vendor', 'asana', '--name', name, '--auth', 'oauth', '--url', server.issuer, '--client-id', CONFIDENTIAL.clientId,
      '--authorize-url', server.authorizeUrl, '--token-url', server.tokenUrl, '--revoke-url', server.revokeUrl, '--scopes', SCOPES.join(' ')],
    { dataDir, env: { SEATWISE_SECRET: CONFIDENTIAL.clientSecret } },
  );
  expect(added.stderr).toBe('');
  expect(added.code).toBe(0);
  await aliasOf(name); // remembers the alias for the cleanup
}

/** Runs `seatwise connect ... --no-browser`, hands the printed URL line to `onUrl`, waits for the exit. */
function connectNoBrowser(args: string[], onUrl: (url: string) => Promise<void>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliEntry, '--data-dir', dataDir, 'connect', ...args, '--no-browser'], {
      env: { ...process.env, SEATWISE_SECRET: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let handed = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`seatwise connect did not finish in time.\n${stdout}\n${stderr}`));
    }, 60_000);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const line = stdout.split('\n').find((l) => l.startsWith('http'));
      if (line && !handed) {
        handed = true;
        onUrl(line).catch((error: unknown) => {
          child.kill('SIGKILL');
          reject(error as Error);
        });
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

async function aliasOf(name: string): Promise<{ aliasId: string; status: string; connectedAs?: string; expiresAt?: string }> {
  const shown = await runCli(['profiles', 'show', name, '--json'], { dataDir });
  expect(shown.code).toBe(0);
  const connection = (JSON.parse(shown.stdout) as { connection: { aliasId: string; status: string; expiresAt?: string } }).connection;
  ours.add(connection.aliasId);
  return connection;
}

describe('seatwise connect --no-browser', () => {
  it('prints the authorization URL on its own line, takes the loopback answer, stores the tokens and exits 0', async () => {
    await addProfile('Asana OAuth');
    let page: { status: number; html: string } | undefined;
    const result = await connectNoBrowser(['Asana OAuth', '--timeout', '30'], async (url) => {
      expect(new URL(url).searchParams.get('code_challenge_method')).toBe('S256');
      page = await openPage(await followToCallback(url));
    });
    expect(result.code, result.stderr).toBe(0);
    expect(page?.status).toBe(200);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/auth\?/);
    expect(lines[1]).toMatch(/^Connected "Asana OAuth".*expires at/);

    const alias = await aliasOf('Asana OAuth');
    expect(alias.status).toBe('connected');
    const tokens = await loadTokens(vault, alias.aliasId);
    expect(tokens?.accessToken).toBeTruthy();
    expect(await server.isActive(tokens?.refreshToken as string)).toBe(true);
    expect(result.stdout + result.stderr).not.toContain(tokens?.accessToken);

    const disconnected = await runCli(['disconnect', 'Asana OAuth'], { dataDir });
    expect(disconnected.code, disconnected.stderr).toBe(0);
    expect(await server.isActive(tokens?.refreshToken as string)).toBe(false);
    expect((await vault.list()).filter((a) => a.startsWith(`${alias.aliasId}:`))).toEqual([]);
    expect((await aliasOf('Asana OAuth')).status).toBe('not_connected');
  });

  it('exits 1 and stores nothing when the consent is denied', async () => {
    await addProfile('Denied');
    server.consent = 'deny';
    const result = await connectNoBrowser(['Denied', '--timeout', '30'], async (url) => {
      await openPage(await followToCallback(url));
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/declined|denied/i);
    const alias = await aliasOf('Denied');
    expect(alias.status).toBe('not_connected');
    expect(await loadTokens(vault, alias.aliasId)).toBeUndefined();
  });

  it('exits 1 on the timeout', async () => {
    await addProfile('Slow');
    const result = await connectNoBrowser(['Slow', '--timeout', '1'], async () => undefined);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/within 1 second/);
    expect(result.stderr).toContain('Nothing was stored');
  });

  it('fetches a token with the client secret from SEATWISE_SECRET for a client-credentials profile', async () => {
    const added = await runCli(
      ['profiles', 'add', '--vendor', 'salesforce', '--name', 'Service', '--auth', 'client-credentials', '--url', server.issuer,
        '--client-id', SERVICE.clientId, '--token-url', server.tokenUrl, '--revoke-url', server.revokeUrl, '--scopes', SCOPES.join(' ')],
      { dataDir, env: { SEATWISE_SECRET: 'not-the-secret-yet' } },
    );
    expect(added.code, added.stderr).toBe(0);
    const before = await aliasOf('Service');
    const wrong = await runCli(['connect', 'Service'], { dataDir });
    expect(wrong.code).toBe(1);
    expect((await aliasOf('Service')).status).toBe(before.status);

    const result = await runCli(['connect', 'Service'], { dataDir, env: { SEATWISE_SECRET: SERVICE.clientSecret } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Connected "Service"/);
    expect(result.stdout + result.stderr).not.toContain(SERVICE.clientSecret);
    const alias = await aliasOf('Service');
    expect(alias.status).toBe('connected');
    expect((await loadTokens(vault, alias.aliasId))?.accessToken).toBeTruthy();
  });

  it('exits 2 on a usage error', async () => {
    expect((await runCli(['connect'], { dataDir })).code).toBe(2);
    expect((await runCli(['connect', 'X', '--timeout', 'soon'], { dataDir })).code).toBe(2);
    expect((await runCli(['disconnect'], { dataDir })).code).toBe(2);
    expect((await runCli(['connect', 'Nope', '--no-browser'], { dataDir })).code).toBe(1);
  });
});
