/**
 * Serving the built renderer from disk. Path handling is strict because the host is a web
 * server on the user's machine: a crafted path must never read a file outside the renderer
 * folder (`..`, encoded slashes, backslashes, NUL, symlinks pointing out, dotfiles).
 * Shared with the Electron window's custom protocol (main/electron/protocol.ts).
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

export const HOST_BRIDGE_PATH = '/host-bridge.js';
const HOST_BRIDGE_TAG = `<script src="${HOST_BRIDGE_PATH}"></script>`;

/**
 * Maps a URL pathname to a file under `root`, or null when the path is not acceptable.
 * Pure: touches no disk, so it is unit-tested with hostile inputs.
 */
export function resolveStaticPath(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((segment) => segment.length > 0);
  // Dot segments are traversal; dotfiles (.env, .git) are never part of a build.
  if (segments.some((segment) => segment.startsWith('.') || segment.includes(':'))) return null;
  const base = path.resolve(root);
  const full = path.resolve(base, segments.length === 0 ? 'index.html' : segments.join('/'));
  return isInside(base, full) ? full : null;
}

function isInside(base: string, candidate: string): boolean {
  const relative = path.relative(base, candidate);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

export type StaticRead = { ok: true; body: Buffer } | { ok: false; reason: 'not_found' | 'forbidden' };

/** Reads a resolved file, refusing symlinks that lead out of the root and anything not a file. */
export async function readStaticFile(root: string, file: string): Promise<StaticRead> {
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
    if (!isInside(realRoot, realFile)) return { ok: false, reason: 'forbidden' };
    const info = await stat(realFile);
    if (!info.isFile()) return { ok: false, reason: 'not_found' };
    return { ok: true, body: await readFile(realFile) };
  } catch {
    return { ok: false, reason: 'not_found' };
  }
}

/**
 * Puts the browser-host bridge before the app's first script so `window.seatwise` exists
 * when the app starts. A classic script runs before module scripts (which are deferred), and
 * before any classic script that follows it, so the renderer's index.html needs no change.
 */
export function injectHostBridge(html: string): string {
  if (html.includes(HOST_BRIDGE_TAG)) return html;
  for (const marker of [/<script\b/i, /<\/head>/i, /<\/body>/i]) {
    const match = marker.exec(html);
    if (match) return html.slice(0, match.index) + HOST_BRIDGE_TAG + html.slice(match.index);
  }
  return HOST_BRIDGE_TAG + html;
}

/** Paths without an extension are client-side routes: they get index.html. */
export function looksLikeRoute(pathname: string): boolean {
  const last = pathname.split('/').pop() ?? '';
  return !last.includes('.');
}
