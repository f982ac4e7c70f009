import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { Store, ROOT_FILE } from '../../../main/store/store.js';
import { StoreCorruptError, StoreLockedError, StoreVersionError } from '../../../main/store/errors.js';
import { LOCK_FILE } from '../../../main/store/lock.js';
import { SCHEMA_VERSION } from '../../../main/store/schema.js';
import { resolveDataDir } from '../../../main/store/datadir.js';
import { tempDir } from '../../helpers/temp-dir.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});
function folder(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

describe('Store', () => {
  it('creates a fresh data folder with the current schema version', async () => {
    const dir = folder();
    const store = await Store.open({ dataDir: dir });
    store.close();
    const root = JSON.parse(fs.readFileSync(path.join(dir, ROOT_FILE), 'utf8'));
    expect(root.schemaVersion).toBe(SCHEMA_VERSION);
    expect(root.profiles).toEqual([]);
  });

  it('keeps changes across reopen', async () => {
    const dir = folder();
    const store = await Store.open({ dataDir: dir });
    await store.update((root) => {
      root.settings.maxParallelSyncs = 5;
    });
    store.close();
    const again = await Store.open({ dataDir: dir });
    expect(again.root.settings.maxParallelSyncs).toBe(5);
    again.close();
  });

  it('stops on a truncated root file, names it, and leaves it byte for byte as it was', async () => {
    const dir = folder();
    const file = path.join(dir, ROOT_FILE);
    const truncated = '{"schemaVersion":1,"profiles":[{"id":"prf_1","na';
    fs.writeFileSync(file, truncated);
    const error = await Store.open({ dataDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreCorruptError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(/not valid JSON/);
    expect(fs.readFileSync(file, 'utf8')).toBe(truncated);
    // The failed open must not keep the folder locked.
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it('stops on a root file of the wrong shape', async () => {
    const dir = folder();
    fs.writeFileSync(path.join(dir, ROOT_FILE), JSON.stringify({ schemaVersion: 1, profiles: 'nope', aliases: [] }));
    await expect(Store.open({ dataDir: dir })).rejects.toThrow(/"profiles" is not a list/);
  });

  it('refuses a file from a newer Seatwise without touching it', async () => {
    const dir = folder();
    const content = JSON.stringify({ schemaVersion: SCHEMA_VERSION + 1, profiles: [], aliases: [] });
    fs.writeFileSync(path.join(dir, ROOT_FILE), content);
    await expect(Store.open({ dataDir: dir })).rejects.toBeInstanceOf(StoreVersionError);
    expect(fs.readFileSync(path.join(dir, ROOT_FILE), 'utf8')).toBe(content);
  });

  it('reports a corrupt snapshot by name when it is first read', async () => {
    const dir = folder();
    const store = await Store.open({ dataDir: dir });
    fs.mkdirSync(path.join(dir, 'profiles', 'prf_x'), { recursive: true });
    const file = path.join(dir, 'profiles', 'prf_x', 'snapshot.json');
    fs.writeFileSync(file, '{"subscriptions": [');
    await expect(store.snapshot('prf_x')).rejects.toThrow(file);
    store.close();
  });

  it('commits a snapshot atomically: no temp file is left and the content is whole', async () => {
    const dir = folder();
    const store = await Store.open({ dataDir: dir });
    await store.commitSnapshot({ profileId: 'prf_a', jobId: 'job_1', committedAt: new Date().toISOString(), orgs: [], subscriptions: [] });
    const files = fs.readdirSync(path.join(dir, 'profiles', 'prf_a'));
    expect(files).toEqual(['snapshot.json']);
    store.close();
  });

  it('lets only one process hold a data folder and names the holder', async () => {
    const dir = folder();
    // A real second process holds the lock while this one tries to open.
    const holder = spawn(process.execPath, ['-e', `
      const fs = require('fs');
      fs.writeFileSync(${JSON.stringify(path.join(dir, LOCK_FILE))}, JSON.stringify({ pid: process.pid, holder: 'seatwise serve', host: require('os').hostname(), startedAt: new Date().toISOString() }), { flag: 'wx' });
      console.log('locked');
      setTimeout(() => {}, 60000);
    `]);
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    try {
      const error = await Store.open({ dataDir: dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreLockedError);
      expect((error as Error).message).toContain(`in use by pid ${holder.pid}`);
      expect((error as Error).message).toContain('seatwise serve');
    } finally {
      holder.kill();
    }
  });

  it('takes over a lock left by a process that died', async () => {
    const dir = folder();
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 12345, holder: 'old', host: (await import('node:os')).hostname(), startedAt: '' }));
    const store = await Store.open({ dataDir: dir });
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    store.close();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it('appends audit events and skips a line torn by a crash', async () => {
    const dir = folder();
    const store = await Store.open({ dataDir: dir });
    await store.audit.append({ action: 'rule.changed', before: { t: 60 }, after: { t: 30 } });
    store.close();
    // The process died mid-append; the next one opens the folder again.
    fs.appendFileSync(path.join(dir, 'audit.jsonl'), '{"id":"torn","at":"2026');
    const reopened = await Store.open({ dataDir: dir });
    await reopened.audit.append({ action: 'rule.changed', before: { t: 30 }, after: { t: 45 } });
    const events = await reopened.audit.read();
    expect(events.map((e) => e.after)).toEqual([{ t: 30 }, { t: 45 }]);
    expect(events[0]?.actor).toBeTruthy();
    reopened.close();
  });
});

describe('resolveDataDir', () => {
  it('prefers the flag, then SEATWISE_DATA_DIR, then the OS folder', () => {
    expect(resolveDataDir('/tmp/a', { SEATWISE_DATA_DIR: '/tmp/b' })).toBe('/tmp/a');
    expect(resolveDataDir(undefined, { SEATWISE_DATA_DIR: '/tmp/b' })).toBe('/tmp/b');
    expect(resolveDataDir(undefined, { XDG_CONFIG_HOME: '/tmp/cfg' })).toMatch(/Seatwise$/);
  });
});
