/**
 * What a command loads is part of how fast it starts: `profiles list` writes no log line at the
 * default level, so pino (and its file) wait for a command that does, and the line a process
 * introduces itself with comes just before its first other line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { logPath } from '../../../main/log/logger.js';

let scratch: { dir: string; cleanup: () => void };
let hook: string;

beforeAll(() => {
  scratch = tempDir();
  // Says at exit whether pino is in the process's module cache.
  hook = path.join(scratch.dir, 'loaded.cjs');
  fs.writeFileSync(hook, "process.on('exit', () => process.stderr.write('pino loaded: ' + Object.keys(require.cache).some((k) => k.includes('/node_modules/pino/')) + '\\n'));\n");
});
afterAll(() => scratch.cleanup());

describe('start-up', () => {
  it('profiles list at the default level loads no pino and opens no log file', async () => {
    const dataDir = fs.mkdtempSync(path.join(scratch.dir, 'data-'));
    const result = await runCli(['profiles', 'list'], { dataDir, env: { NODE_OPTIONS: `--require ${hook}`, SEATWISE_LOG_LEVEL: '' } });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('pino loaded: false');
    expect(fs.existsSync(logPath(dataDir))).toBe(false);
  });

  it('the same command at debug level writes its lines through pino', async () => {
    const dataDir = fs.mkdtempSync(path.join(scratch.dir, 'data-'));
    const result = await runCli(['profiles', 'list'], { dataDir, env: { NODE_OPTIONS: `--require ${hook}`, SEATWISE_LOG_LEVEL: 'debug' } });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('pino loaded: true');
    const lines = fs.readFileSync(logPath(dataDir), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { msg: string; level: number; transport?: string; startedAt?: string });
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [30, 'Seatwise started'],
      [20, 'command started'],
      [20, 'contract call'],
      [20, 'command finished'],
    ]);
    expect(lines[0]).toMatchObject({ transport: 'cli', startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
  });
});
