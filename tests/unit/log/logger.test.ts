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
