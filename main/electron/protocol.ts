/**
 * `seatwise-app://app/...`: the built renderer, served by main with the same path rules and
 * headers as the browser host. Registered as privileged (standard, secure) before `ready`.
 */
import { protocol } from 'electron';
import path from 'node:path';
import { contentTypeFor, SECURITY_HEADERS } from '../host/policy.js';
import { looksLikeRoute, readStaticFile, resolveStaticPath } from '../host/static-files.js';
import { APP_HOST, APP_SCHEME } from './guards.js';

/** Must run before the app is ready (Electron's rule for privileged schemes). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export function serveAppProtocol(rendererDir: string): void {
  const root = path.resolve(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST || (request.method !== 'GET' && request.method !== 'HEAD')) return plain(404, 'Not found.');
    let file = resolveStaticPath(root, url.pathname);
    if (file === null) return plain(403, 'Forbidden path.');
    let read = await readStaticFile(root, file);
    if (!read.ok && read.reason === 'not_found' && looksLikeRoute(url.pathname)) {
      file = path.join(root, 'index.html');
      read = await readStaticFile(root, file);
    }
    if (!read.ok) return plain(read.reason === 'forbidden' ? 403 : 404, read.reason === 'forbidden' ? 'Forbidden path.' : 'Not found.');
    return new Response(new Uint8Array(read.body), {
      status: 200,
      headers: { 'Content-Type': contentTypeFor(file), 'Cache-Control': 'no-store', ...SECURITY_HEADERS },
    });
  });
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS } });
}
