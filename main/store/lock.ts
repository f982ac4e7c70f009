import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StoreLockedError } from './errors.js';
import { PRIVATE_FILE_MODE } from './private-files.js';

export const LOCK_FILE = 'seatwise.lock';

interface LockInfo {
  pid: number;
  holder: string;
  host: string;
  startedAt: string;
}

export interface DataDirLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | undefined {
  try {
    const info = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockInfo>;
    return typeof info.pid === 'number' ? (info as LockInfo) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One process per data folder. The lock file is created with O_EXCL so two processes
 * racing for it cannot both win; a lock left by a process that died is taken over.
 */
export function acquireLock(dataDir: string, holder: string): DataDirLock {
  const file = path.join(dataDir, LOCK_FILE);
  const info: LockInfo = { pid: process.pid, holder, host: os.hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(info), { flag: 'wx', mode: PRIVATE_FILE_MODE });
      return { release: () => releaseLock(file) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const current = readLock(file);
      if (current && current.pid !== process.pid && current.host === info.host && isAlive(current.pid)) {
        throw new StoreLockedError(dataDir, current.pid, current.holder);
      }
      // Stale (dead pid, unreadable, or our own from an earlier open): remove and try again.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${file}.`);
}

function releaseLock(file: string): void {
  const current = readLock(file);
  if (current?.pid === process.pid) fs.rmSync(file, { force: true });
}
