/**
 * Writes a file so that readers see either the old file or the complete new one: the data
 * goes to a temp file beside the target, is flushed to disk, then renamed over it. On any
 * error the temp file is removed and the target is left as it was.
 *
 * Exports hold people's names, emails and what the company pays for them: the file is
 * readable by its owner only (0600), from the moment it exists, not after a chmod once the
 * data is in. The temp file is made here with that mode before the writer opens it; opening
 * an existing file for writing keeps its mode, and the rename carries it over the target.
 */
import { randomBytes } from 'node:crypto';
import { chmod, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Owner read and write, nobody else. */
export const EXPORT_FILE_MODE = 0o600;

export function tempPathFor(out: string): string {
  return join(dirname(out), `.${basename(out)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

async function fsyncPath(path: string, flags: string): Promise<void> {
  const fh = await open(path, flags);
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Runs `write(tempPath)`, then moves the temp file to `out`. */
export async function writeFileAtomically<T>(out: string, write: (tempPath: string) => Promise<T>): Promise<T> {
  const folder = dirname(out);
  const info = await stat(folder).catch(() => null);
  if (info === null || !info.isDirectory()) throw new Error(`Cannot write ${out}: the folder ${folder} does not exist.`);
  const temp = tempPathFor(out);
  // 'wx': a fresh file of ours, never one that someone placed at the temp name (and, if
  // that ever happened, not one the cleanup below would remove).
  await (await open(temp, 'wx', EXPORT_FILE_MODE)).close();
  try {
    const result = await write(temp);
    // A writer that replaced the file instead of opening it would have dropped the mode.
    if (process.platform !== 'win32') await chmod(temp, EXPORT_FILE_MODE);
    await fsyncPath(temp, 'r+');
    await rename(temp, out);
    if (process.platform !== 'win32') {
      // Make the rename itself durable; some filesystems refuse to sync a directory.
      await fsyncPath(dirname(out), 'r').catch(() => undefined);
    }
    return result;
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}
