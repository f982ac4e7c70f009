import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, logPath, rotate } from '../../../main/log/logger.js';
import { rememberSecret } from '../../../main/vault/redact.js';
import { tempDir } from '../../helpers/temp-dir.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('log file', () => {
  it('never writes a secret the vault has handled, even inside an error', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const secret = 'sk_live_logger_test_secret_123456';
    rememberSecret(secret);
    const log = createLogger(dir);
    log.error({ err: new Error(`vendor echoed ${secret}`), detail: { nested: `token=${secret}` } }, `failed with ${secret}`);
    const text = fs.readFileSync(logPath(dir), 'utf8');
    expect(text).toContain('[redacted]');
    expect(text).not.toContain(secret);
  });

  it('writes only at enabled levels, and introduces the process just before its first line', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const startedAt = new Date('2026-03-01T09:00:00.000Z');
    const log = createLogger(dir, 'warn', { introduction: { fields: { transport: 'cli' }, message: 'started', startedAt } });
    log.info({ n: 1 }, 'below the level');
    log.debug('below the level too');
    expect(fs.existsSync(logPath(dir))).toBe(false);
    log.warn({ n: 2 }, 'at the level');
    log.error('above it');
    const lines = fs.readFileSync(logPath(dir), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    // The introduction is an info line: at warn it is not written either.
    expect(lines.map((l) => l.msg)).toEqual(['at the level', 'above it']);

    const { dir: dir2, cleanup: cleanup2 } = tempDir();
    cleanups.push(cleanup2);
    const log2 = createLogger(dir2, 'info', { introduction: { fields: { transport: 'cli' }, message: 'started', startedAt } });
    log2.info({ n: 3 }, 'first');
    log2.info('second');
    const lines2 = fs.readFileSync(logPath(dir2), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines2.map((l) => l.msg)).toEqual(['started', 'first', 'second']);
    expect(lines2[0]).toMatchObject({ transport: 'cli', startedAt: '2026-03-01T09:00:00.000Z' });
  });

  it('writes nothing at silent, and refuses a level pino does not have', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const log = createLogger(dir, 'silent');
    log.fatal('never');
    expect(fs.existsSync(logPath(dir))).toBe(false);
    expect(() => createLogger(dir, 'loud')).toThrow(/SEATWISE_LOG_LEVEL must be one of/);
  });

  it('rotates by size and keeps a bounded number of files', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const file = path.join(dir, 'seatwise.log');
    for (let i = 0; i < 8; i++) {
      fs.writeFileSync(file, `generation ${i}\n`.padEnd(100, '.'));
      rotate(file, 50, 3);
    }
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual(['seatwise.log.1', 'seatwise.log.2', 'seatwise.log.3']);
    expect(fs.readFileSync(`${file}.1`, 'utf8')).toMatch(/^generation 7/);
  });
});
