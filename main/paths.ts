import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding package.json, found by walking up from this module: the same answer
 * from the bundled `out/main/*.js` and from the TypeScript sources under test.
 */
export function appRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Seatwise could not find its own package.json.');
    dir = parent;
  }
}

export const rendererDir = (): string => path.join(appRoot(), 'out', 'renderer');
