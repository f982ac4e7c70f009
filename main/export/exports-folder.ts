/**
 * Export dialogs propose `<data dir>/exports/<file>`, which a fresh data folder does not have
 * yet. Only that folder is created: a mistyped folder elsewhere stays an error the person sees,
 * rather than a directory tree made in the wrong place.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

export const EXPORTS_FOLDER = 'exports';

export async function ensureExportsFolder(dataDir: string | undefined, out: string): Promise<void> {
  if (dataDir && path.resolve(path.dirname(out)) === path.resolve(dataDir, EXPORTS_FOLDER)) {
    await mkdir(path.dirname(out), { recursive: true });
  }
}
