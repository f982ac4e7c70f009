/**
 * Export dialogs propose `<data dir>/exports/<file>`, which a fresh data folder does not have
 * yet. Only that folder is created: a mistyped folder elsewhere stays an error the person sees,
 * rather than a directory tree made in the wrong place.
 *
 * The folder is Seatwise's own and holds nothing but exports (people and what they cost), so
 * it is the owner's only (0700); a folder an older version made with the default mode is
 * tightened the next time an export goes there. A folder the person chose is left as it is.
 */
import { chmod, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';

export const EXPORTS_FOLDER = 'exports';
export const EXPORTS_FOLDER_MODE = 0o700;

export async function ensureExportsFolder(dataDir: string | undefined, out: string): Promise<void> {
  if (dataDir && path.resolve(path.dirname(out)) === path.resolve(dataDir, EXPORTS_FOLDER)) {
    const folder = path.dirname(out);
    await mkdir(folder, { recursive: true, mode: EXPORTS_FOLDER_MODE });
    if (process.platform === 'win32') return;
    const info = await stat(folder);
    if ((info.mode & 0o777) !== EXPORTS_FOLDER_MODE) await chmod(folder, EXPORTS_FOLDER_MODE);
  }
}
