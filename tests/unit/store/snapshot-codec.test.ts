import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Store, ROOT_FILE } from '../../../main/store/store.js';
import { StoreCorruptError, StoreVersionError } from '../../../main/store/errors.js';
import { SCHEMA_VERSION, type Snapshot } from '../../../main/store/schema.js';
import { decodeSnapshot, decodeSnapshotRows, encodeSnapshot, snapshotJsonChunks, SNAPSHOT_FORMAT } from '../../../main/store/snapshot-codec.js';
import type { SubscriptionRecord } from '../../../main/reclamation/types.js';
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

/** A seeded generator, so a failing case can be replayed from its seed. */
function random(seed: number) {
  let state = seed >>> 0 || 1;
  const next = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  // Names from several scripts, emoji (surrogate pairs), a lone surrogate, the characters the
  // format uses as separators and codes, quotes, backslashes and the empty string.
  const pieces = ['Ana', 'Zoë', 'José', 'Łukasz', '王小明', '山田 太郎', 'محمد', 'Δήμητρα', '👩🏽‍💻', '🎉', '\ud800', 'O\'Brien', '"q"', 'a\\b', '\x7f', '\x1f', '\x00', '\n', ' ', '~', ''];
  const text = (): string => Array.from({ length: int(4) }, () => pick(pieces)).join(pick(['', ' ', '-']));
  const iso = (): string => new Date(Date.UTC(2024, 0, 1) + int(900) * 86_400_000 + (next() < 0.5 ? int(86_400_000) : 0)).toISOString();
  return { next, int, pick, text, iso };
}

function randomSnapshot(seed: number, count: number): Snapshot {
  const r = random(seed);
  const profileId = `prf_${seed}`;
  const orgs = ['org-1', 'org-2', 'org-3'].slice(0, 1 + r.int(3));
  const types = ['Business', 'Enterprise', 'Guest', 'Prämie ✓'];
  const seen = r.iso();
  const subscriptions: SubscriptionRecord[] = [];
  for (let i = 0; i < count; i++) {
    const record: SubscriptionRecord = {
      id: `s-${seed}-${i}`,
      profileId,
      orgId: r.pick(orgs),
      userId: r.next() < 0.5 ? String(1_200_000_000_000 + r.int(1e9)) : `u${i}`,
      email: `${r.text()}${i}@example.com`,
      name: r.text(),
      licenseType: r.pick(types),
      active: r.next() < 0.9,
      admin: r.next() < 0.1,
      owner: i === 0,
      paid: r.next() < 0.7,
      connectedAccount: r.next() < 0.01,
      firstSeenAt: r.next() < 0.8 ? seen : r.iso(),
      lastSeenAt: seen,
    };
    // Optional fields are absent (no key), not undefined.
    if (r.next() < 0.7) record.startedAt = r.iso();
    if (r.next() < 0.6) record.lastActivityAt = r.iso();
    if (r.next() < 0.3) record.reclaimRef = r.next() < 0.5 ? `m-${i}` : r.text();
    subscriptions.push(record);
  }
  return { profileId, jobId: `job_${seed}`, committedAt: seen, orgs: orgs.map((id) => ({ aliasId: id, label: `Org ${id}` })), subscriptions };
}

const throughJson = (snapshot: Snapshot): Snapshot => decodeSnapshot(JSON.parse(JSON.stringify(encodeSnapshot(snapshot))) as Record<string, unknown>);

describe('snapshot codec', () => {
  it('reads back random snapshots exactly (property test, 300 seeds)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      // Sizes that reach every column kind: tiny (values), mid (joined, coded dictionary),
      // larger (dictionary of indexes, for dates that repeat more than 92 ways).
      const count = [0, 1, 2, 3, 7, 40, 250, 1500][seed % 8]!;
      const snapshot = randomSnapshot(seed, count);
      expect(throughJson(snapshot), `seed ${seed}`).toStrictEqual(snapshot);
    }
  });

  it('writes in pieces exactly the text it would write at once (the store writes the pieces)', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const snapshot = randomSnapshot(seed, [0, 1, 3, 40, 1500][seed % 5]!);
      expect([...snapshotJsonChunks(snapshot)].join(''), `seed ${seed}`).toBe(JSON.stringify(encodeSnapshot(snapshot)));
    }
    // Columns long enough to be written in several pieces, with lone surrogates and escaped
    // characters on both sides of where the pieces are cut.
    const big = randomSnapshot(61, 20_000);
    for (const i of [8191, 8192, 16383, 16384]) {
      big.subscriptions[i]!.name = i % 2 ? 'end \ud83d' : '\ude00 start "q"\n';
      big.subscriptions[i]!.email = `\\${i}\x1f@example.com`;
    }
    const pieces = [...snapshotJsonChunks(big)];
    const whole = JSON.stringify(encodeSnapshot(big));
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(whole.length / 5);
    expect(pieces.join('')).toBe(whole);
    expect(decodeSnapshot(JSON.parse(whole) as Record<string, unknown>)).toStrictEqual(big);
  });

  it('uses each kind of column for data shaped like a real org', () => {
    const encoded = encodeSnapshot(randomSnapshot(7, 3000));
    const kinds = Object.values(encoded.subscriptionColumns).map((c) => ('codes' in c ? 'codes' : 'indexes' in c ? 'indexes' : c.kind));
    expect(new Set(kinds)).toEqual(new Set(['codes', 'indexes', 'joined']));
    expect(encoded.subscriptionColumns.profileId).toMatchObject({ kind: 'dict', values: ['prf_7'] });
  });

  it('keeps records that miss required fields or carry extra ones exactly as they were', () => {
    const snapshot = randomSnapshot(11, 50);
    const odd = snapshot.subscriptions as unknown as Record<string, unknown>[];
    delete odd[3]!.admin;
    delete odd[4]!.email;
    odd[5]!.department = 'Finance';
    odd[6]!.department = null;
    odd[7]!.tags = ['a', { b: 1 }];
    odd[8]!.score = 0.5;
    // A name holding every separator the format could use: that column is stored as a list.
    odd[10]!.name = 'a\x7fb\x1fc\x1ed\x1de\x1cf\x00g';
    Object.defineProperty(odd[9]!, '__proto__', { value: 'x', enumerable: true, writable: true, configurable: true });
    const encoded = encodeSnapshot(snapshot).subscriptionColumns;
    expect([encoded.name?.kind, encoded.tags?.kind, encoded.department?.kind]).toEqual(['values', 'values', 'dict']);
    const back = throughJson(snapshot);
    expect(back).toStrictEqual(snapshot);
    expect(Object.getPrototypeOf(back.subscriptions[9])).toBe(Object.prototype);
    // An undefined value is dropped, as JSON drops it.
    const withUndefined = randomSnapshot(12, 3);
    withUndefined.subscriptions[0]!.startedAt = undefined;
    expect(throughJson(withUndefined).subscriptions[0]).not.toHaveProperty('startedAt');
  });

  it('builds each record from its row exactly as the whole decode does, odd records included', () => {
    const snapshot = randomSnapshot(21, 400);
    const odd = snapshot.subscriptions as unknown as Record<string, unknown>[];
    delete odd[3]!.admin;
    odd[5]!.department = 'Finance';
    const stored = JSON.parse(JSON.stringify(encodeSnapshot(snapshot))) as Record<string, unknown>;
    const { head, rows } = decodeSnapshotRows(stored);
    expect(rows.count).toBe(400);
    expect({ ...head, subscriptions: Array.from({ length: rows.count }, (_, i) => rows.record(i)) }).toStrictEqual(snapshot);
    expect(Array.from({ length: rows.count }, (_, i) => rows.id(i))).toEqual(snapshot.subscriptions.map((r) => r.id));
    // A new object at every call: a caller may not change the snapshot through it.
    expect(rows.record(0)).not.toBe(rows.record(0));
  });

  it('gives a sync the previous seats from the file without caching them, and from memory once cached', async () => {
    const dir = folder();
    const snapshot = randomSnapshot(31, 2000);
    const store = await Store.open({ dataDir: dir });
    expect(await store.previousSeats(snapshot.profileId)).toBeNull();
    await store.commitSnapshot(snapshot);
    store.close();
    const reopened = await Store.open({ dataDir: dir });
    const fromFile = (await reopened.previousSeats(snapshot.profileId))!;
    expect(fromFile.count).toBe(2000);
    for (const record of snapshot.subscriptions) expect(fromFile.get(record.id)).toStrictEqual(record);
    expect(fromFile.get('no such seat')).toBeUndefined();
    // Once the snapshot is in memory, the seats are its records.
    const cached = (await reopened.snapshot(snapshot.profileId))!;
    const fromMemory = (await reopened.previousSeats(snapshot.profileId))!;
    expect(fromMemory.get(snapshot.subscriptions[7]!.id)).toBe(cached.subscriptions[7]);
    reopened.close();
  });

  it('writes, reopens and reads back random snapshots through the store', async () => {
    const dir = folder();
    const snapshots = [randomSnapshot(101, 0), randomSnapshot(102, 1), randomSnapshot(103, 900)];
    const store = await Store.open({ dataDir: dir });
    for (const s of snapshots) await store.commitSnapshot(s);
    store.close();
    const reopened = await Store.open({ dataDir: dir });
    for (const s of snapshots) expect(await reopened.snapshot(s.profileId)).toStrictEqual(s);
    reopened.close();
  });

  it('writes the records as they were when the commit was asked for, not as they are changed after', async () => {
    const dir = folder();
    const store = await Store.open({ dataDir: dir });
    const snapshot = randomSnapshot(8, 20_000);
    const asked = structuredClone(snapshot);
    const writing = store.commitSnapshot(snapshot);
    // A reclaim changes cached records in place while the file is still being written.
    for (const record of snapshot.subscriptions.slice(0, 50)) {
      record.active = !record.active;
      record.licenseType = 'Changed';
    }
    await writing;
    store.close();
    const reopened = await Store.open({ dataDir: dir, noLock: true });
    expect(await reopened.snapshot(snapshot.profileId)).toStrictEqual(asked);
    reopened.close();
  });

  it('writes only the snapshot: its fields, its columns, nothing else', async () => {
    const dir = folder();
    const store = await Store.open({ dataDir: dir });
    const snapshot = randomSnapshot(5, 100);
    await store.commitSnapshot(snapshot);
    store.close();
    const file = JSON.parse(fs.readFileSync(path.join(dir, 'profiles', snapshot.profileId, 'snapshot.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(file).sort()).toEqual(['committedAt', 'jobId', 'orgs', 'profileId', 'snapshotFormat', 'subscriptionColumns', 'subscriptionCount']);
    expect(file.snapshotFormat).toBe(SNAPSHOT_FORMAT);
    const fields = new Set(snapshot.subscriptions.flatMap((s) => Object.keys(s)));
    expect(new Set(Object.keys(file.subscriptionColumns as object))).toEqual(fields);
  });
});

describe('snapshot files of schema 1', () => {
  it('opens a schema 1 folder whose snapshot holds rows, and writes columns at the next commit', async () => {
    const dir = folder();
    const snapshot = randomSnapshot(21, 300);
    // A data folder as Seatwise 1 left it: root at schema 1, the snapshot as a list of records.
    const root = { schemaVersion: 1, profiles: [], aliases: [], models: [], rules: [], exclusions: [], entitlements: [], unrecognized: [], settings: { keepRunningInTray: true, maxParallelSyncs: 2 } };
    fs.writeFileSync(path.join(dir, ROOT_FILE), JSON.stringify(root, null, 2));
    const file = path.join(dir, 'profiles', snapshot.profileId, 'snapshot.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const rows = JSON.stringify(snapshot);
    fs.writeFileSync(file, rows);

    const store = await Store.open({ dataDir: dir });
    expect(store.root.schemaVersion).toBe(SCHEMA_VERSION);
    expect(fs.existsSync(path.join(dir, `${ROOT_FILE}.v1.bak`))).toBe(true);
    expect(await store.snapshot(snapshot.profileId)).toStrictEqual(snapshot);
    // Reading does not rewrite the file.
    expect(fs.readFileSync(file, 'utf8')).toBe(rows);

    const next = { ...snapshot, jobId: 'job_next' };
    await store.commitSnapshot(next);
    store.close();
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).snapshotFormat).toBe(SNAPSHOT_FORMAT);
    const reopened = await Store.open({ dataDir: dir });
    expect(await reopened.snapshot(snapshot.profileId)).toStrictEqual(next);
    reopened.close();
  });
});

describe('a damaged snapshot file', () => {
  async function expectCorrupt(content: string, reason: RegExp, kind: new (...args: never[]) => Error = StoreCorruptError): Promise<void> {
    const dir = folder();
    const store = await Store.open({ dataDir: dir });
    const file = path.join(dir, 'profiles', 'prf_x', 'snapshot.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    const error = await store.snapshot('prf_x').catch((e: unknown) => e);
    store.close();
    expect(error).toBeInstanceOf(kind);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(reason);
    expect(fs.readFileSync(file, 'utf8')).toBe(content);
  }

  const good = (): Record<string, unknown> => JSON.parse(JSON.stringify(encodeSnapshot({ ...randomSnapshot(31, 200), profileId: 'prf_x' }))) as Record<string, unknown>;

  it('stops on a truncated file, names it and leaves it as it was', async () => {
    const text = JSON.stringify(good());
    await expectCorrupt(text.slice(0, text.length / 2), /not valid JSON/);
  });

  it('stops on columns that do not match the count', async () => {
    const file = good();
    file.subscriptionCount = 201;
    await expectCorrupt(JSON.stringify(file), /column "id"/);
  });

  it('stops on an unknown dictionary code', async () => {
    const file = good();
    const columns = file.subscriptionColumns as Record<string, { codes?: string }>;
    columns.licenseType!.codes = `~${columns.licenseType!.codes!.slice(1)}`;
    await expectCorrupt(JSON.stringify(file), /unknown code at row 0/);
  });

  it('refuses a snapshot format newer than this Seatwise reads, without touching it', async () => {
    const file = good();
    file.snapshotFormat = SNAPSHOT_FORMAT + 1;
    await expectCorrupt(JSON.stringify(file), /newer Seatwise/, StoreVersionError);
  });
});
