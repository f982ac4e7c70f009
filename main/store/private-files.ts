/**
 * The data folder holds people's emails, names and activity, the audit trail and the logs:
 * it is its owner's only. Folders are made 0700 and files 0600 from the moment they exist
 * (a mode given at creation, which the umask can only narrow), never opened wide and chmod-ed
 * afterwards. Folders an older Seatwise made with the default umask (0755, files 0644) are
 * tightened at start. On Windows modes mean nothing; ACLs of the profile folder apply.
 */
import fs from 'node:fs';
import path from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const POSIX = process.platform !== 'win32';

/** Bits that give the group or others any access. */
const OPEN_TO_OTHERS = 0o077;

/** Creates the folder (and missing parents) 0700; an existing one keeps its mode. */
export function mkdirPrivate(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

export interface Tightened {
  /** The path and the mode it had, for the log. */
  path: string;
  from: number;
}

function tightenOne(file: string, stat: fs.Stats, into: Tightened[]): void {
  const mode = stat.mode & 0o777;
  if ((mode & OPEN_TO_OTHERS) === 0) return;
  const wanted = stat.isDirectory() ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE;
  fs.chmodSync(file, wanted);
  into.push({ path: file, from: mode });
}

/**
 * Takes group and other access away from `root` and everything below it, except the names in
 * `skip` (directly under root). Symbolic links are neither followed nor changed: chmod would
 * change their target, which may be anywhere. Returns what was changed.
 */
export function tightenTree(root: string, skip: ReadonlySet<string> = new Set()): Tightened[] {
  const changed: Tightened[] = [];
  if (!POSIX) return changed;
  const visit = (dir: string, top: boolean): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (top && skip.has(entry.name)) continue;
      if (!entry.isDirectory() && !entry.isFile()) continue;
      const full = path.join(dir, entry.name);
      const stat = fs.lstatSync(full, { throwIfNoEntry: false });
      if (!stat) continue;
      tightenOne(full, stat, changed);
      if (stat.isDirectory()) visit(full, false);
    }
  };
  const stat = fs.lstatSync(root, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) return changed;
  tightenOne(root, stat, changed);
  visit(root, true);
  return changed;
}

/** "0755" */
export const octal = (mode: number): string => `0${(mode & 0o777).toString(8)}`;
