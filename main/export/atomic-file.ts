/**
 * Writes a file so that readers see either the old file or the complete new one: the data
 * goes to a temp file beside the target, is flushed to disk, then renamed over it. On any
 * error the temp file is removed and the target is left as it was.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

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
  try {
    const result = await write(temp);
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
