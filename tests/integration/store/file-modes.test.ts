/**
 * The data folder is its owner's only: after a sync and after a log rotation, with the usual
 * umask (022), every folder is 0700 and every file 0600 (store, jobs, audit trail, snapshots,
 * candidates, lock, logs). A folder an older Seatwise left at 0755/0644 is tightened at the
 * next start, and the log says so. The built `seatwise` runs as child processes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAsanaSimulator, type AsanaSimulatorHandle } from '../../../connectors/asana/simulator/index.js';
import { addPublishedAsana, runCli } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp-dir.js';

const TOKEN = 'file-modes-token-0123456789abcdef';
const posix = process.platform !== 'win32';
let sim: AsanaSimulatorHandle;
let dataDir: string;
let cleanup: () => void;
let umask: number;

beforeAll(async () => {
  // The default umask of most systems, whatever this machine's is: files would be 0644.
  umask = process.umask(0o022);
  sim = await startAsanaSimulator({ token: TOKEN, seed: 3, users: 120, knobs: { rateLimit: undefined } });
  ({ dir: dataDir, cleanup } = tempDir());
  fs.rmSync(dataDir, { recursive: true });
});
afterAll(async () => {
  await runCli(['profiles', 'remove', 'Asana'], { dataDir }).catch(() => undefined);
  await sim.close();
  cleanup();
  process.umask(umask);
});

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? [full, ...walk(full)] : [full];
  });
}

const modeOf = (file: string): string => `0${(fs.statSync(file).mode & 0o777).toString(8)}`;

/** Every entry under the data folder that is not 0700 (folders) or 0600 (files), with its mode. */
function tooOpen(): string[] {
  return [dataDir, ...walk(dataDir)]
    .filter((f) => modeOf(f) !== (fs.statSync(f).isDirectory() ? '0700' : '0600'))
    .map((f) => `${path.relative(dataDir, f) || '.'} ${modeOf(f)}`);
}

describe.skipIf(!posix)('file modes', () => {
  it('a new data folder: 0700 folders and 0600 files after publishing and syncing', { timeout: 120_000 }, async () => {
    await addPublishedAsana(dataDir, 'Asana', sim.url, TOKEN);
    const sync = await runCli(['sync', 'Asana'], { dataDir });
    expect(sync.code).toBe(0);
    const names = walk(dataDir).map((f) => path.relative(dataDir, f));
    for (const name of ['seatwise.json', 'jobs.json', 'audit.jsonl', path.join('logs', 'seatwise.log')]) expect(names).toContain(name);
    expect(names.some((n) => n.endsWith('snapshot.json'))).toBe(true);
    expect(names.some((n) => n.endsWith('candidates.json'))).toBe(true);
    expect(tooOpen()).toEqual([]);
  });

  it('a folder left at 0755 with 0644 files is tightened at start, once, and the log says so', { timeout: 120_000 }, async () => {
    for (const f of [dataDir, ...walk(dataDir)]) fs.chmodSync(f, fs.statSync(f).isDirectory() ? 0o755 : 0o644);
    const sync = await runCli(['sync', 'Asana'], { dataDir });
    expect(sync.code).toBe(0);
    expect(tooOpen()).toEqual([]);
    const again = await runCli(['jobs'], { dataDir });
    expect(again.code).toBe(0);
    const log = fs.readFileSync(path.join(dataDir, 'logs', 'seatwise.log'), 'utf8');
    const notes = log.split('\n').filter((l) => l.includes('The data folder was readable by other users'));
    expect(notes).toHaveLength(1);
    expect(JSON.parse(notes[0]!)).toMatchObject({ folder: dataDir, folderMode: '0755', msg: expect.stringContaining('mode 0755') });
    expect(JSON.parse(notes[0]!).files).toEqual(expect.arrayContaining(['seatwise.json 0644', 'audit.jsonl 0644', `logs${path.sep}seatwise.log 0644`]));
  });

  it('after a log rotation: the rotated and the new log are 0600 too', { timeout: 120_000 }, async () => {
    const log = path.join(dataDir, 'logs', 'seatwise.log');
    // Over the 5 MB bound, and with the mode an older Seatwise gave its logs.
    fs.appendFileSync(log, `${JSON.stringify({ level: 30, msg: 'filler' })}\n`.repeat(200_000));
    fs.chmodSync(log, 0o644);
    expect(fs.statSync(log).size).toBeGreaterThan(5 * 1024 * 1024);
    const sync = await runCli(['sync', 'Asana'], { dataDir });
    expect(sync.code).toBe(0);
    expect(fs.existsSync(`${log}.1`)).toBe(true);
    expect(fs.statSync(log).size).toBeLessThan(5 * 1024 * 1024);
    expect(tooOpen()).toEqual([]);
  });
});
