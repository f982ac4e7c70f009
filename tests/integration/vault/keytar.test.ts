/**
 * The keytar SecretStore against a real Secret Service (gnome-keyring on the private D-Bus
 * session that scripts/with-keyring.sh starts), under a service name of its own; and, in a
 * child process with no reachable D-Bus, the plain "keychain is not reachable" error.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeytarSecretStore } from '../../../main/vault/keytar-store.js';
import { secretAccount } from '../../../main/vault/secret-store.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../../..');

describe('keytar SecretStore on a real Secret Service', () => {
  const service = `Seatwise-test-${randomUUID()}`;
  let store: KeytarSecretStore;

  beforeAll(() => {
    if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
      throw new Error('These tests need a Secret Service: run them as scripts/with-keyring.sh npx vitest run ...');
    }
    store = new KeytarSecretStore(service);
  });
  afterAll(async () => {
    for (const account of (await store?.list()) ?? []) await store.delete(account);
  });

  it('sets, gets, lists and deletes secrets', async () => {
    const tokens = secretAccount('alias-1', 'tokens');
    const secret = secretAccount('alias-1', 'clientSecret');
    expect(await store.get(tokens)).toBeNull();

    await store.set(tokens, JSON.stringify({ accessToken: 'at-0123456789', refreshToken: 'rt-0123456789' }));
    await store.set(secret, 'cs-ünïcødé-0123456789');
    expect(JSON.parse((await store.get(tokens)) as string)).toEqual({ accessToken: 'at-0123456789', refreshToken: 'rt-0123456789' });
    expect(await store.get(secret)).toBe('cs-ünïcødé-0123456789');
    expect((await store.list()).sort()).toEqual([secret, tokens].sort());

    await store.set(secret, 'cs-replaced-0123456789');
    expect(await store.get(secret)).toBe('cs-replaced-0123456789');
    expect(await store.list()).toHaveLength(2);

    expect(await store.delete(secret)).toBe(true);
    expect(await store.delete(secret)).toBe(false);
    expect(await store.get(secret)).toBeNull();
    expect(await store.list()).toEqual([tokens]);
  });

  it('keeps services apart', async () => {
    const other = new KeytarSecretStore(`${service}-other`);
    await store.set('shared:token', 'mine-0123456789');
    try {
      expect(await other.get('shared:token')).toBeNull();
      expect(await other.list()).toEqual([]);
    } finally {
      await store.delete('shared:token');
    }
  });
});

describe('keytar SecretStore without a keychain', () => {
  let dir: string;

  beforeAll(() => {
    // The store is TypeScript: transpile its three files so a plain `node` child can load them.
    dir = mkdtempSync(join(tmpdir(), 'seatwise-vault-child-'));
    for (const name of ['keytar-store', 'secret-store', 'redact']) {
      const source = readFileSync(join(root, 'main/vault', `${name}.ts`), 'utf8');
      const { outputText } = ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      });
      writeFileSync(join(dir, `${name}.js`), outputText);
    }
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    writeFileSync(
      join(dir, 'child.js'),
      `import { KeytarSecretStore } from './keytar-store.js';
const store = new KeytarSecretStore('Seatwise-test-no-bus');
const outcome = {};
for (const [op, call] of [['set', () => store.set('a:tokens', 'never-stored-0123456789')], ['get', () => store.get('a:tokens')], ['list', () => store.list()]]) {
  try { await call(); outcome[op] = 'ok'; } catch (e) { outcome[op] = { name: e.name, message: e.message }; }
}
console.log(JSON.stringify(outcome));
`,
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('says plainly that the keychain is unreachable, and never falls back to a file', async () => {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: dir,
      NODE_PATH: join(root, 'node_modules'),
      DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir, 'no-such-bus')}`,
      XDG_RUNTIME_DIR: dir,
    };
    const { stdout } = await run(process.execPath, [join(dir, 'child.js')], { env, timeout: 20_000 });
    const outcome = JSON.parse(stdout.trim().split('\n').pop() as string) as Record<string, { name: string; message: string }>;
    for (const op of ['set', 'get', 'list']) {
      expect(outcome[op]?.name).toBe('KeychainUnavailableError');
      expect(outcome[op]?.message).toMatch(/The OS keychain is not reachable/);
      expect(outcome[op]?.message).toMatch(/never written to a file/);
      expect(outcome[op]?.message).not.toContain('never-stored-0123456789');
    }
  });
});
