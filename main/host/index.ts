/**
 * The browser host (`seatwise serve`): the same contract as the Electron IPC adapter, over
 * local HTTP. `POST /rpc/<method>` calls, `POST /download/<export method>` hands an export
 * to the browser as a download, `GET /events` streams events, everything else is the
 * built renderer. Bound to 127.0.0.1 only and guarded, in this order, by a Host check (DNS
 * rebinding), Origin and fetch-metadata checks (other sites), and a per-run token.
 *
 * A team server (`team`) is the same host with another door: it listens where it is told,
 * accepts only its public origin, and people sign in through the company's OpenID Connect
 * provider (team/access.ts); every call then carries the signed-in person and their roles to
 * dispatch, which refuses what their roles do not allow (403).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { SeatwiseApp } from '../app.js';
import {
  bearerToken,
  isAllowedFetchSite,
  isAllowedHost,
  isAllowedOrigin,
  readCookie,
  secretsEqual,
  sessionCookie,
  sessionCookieName,
} from './guards.js';
import { contentTypeFor } from './policy.js';
import { applySecurityHeaders, sendError, sendText, simplePage } from './responses.js';
import { DOWNLOAD_BODY_LIMIT, handleDownload, isDownloadMethod } from './download.js';
import { DEFAULT_BODY_LIMIT, handleRpc, type RpcOptions } from './rpc.js';
import { createEventStreams } from './sse.js';
import { HOST_BRIDGE_PATH, injectHostBridge, looksLikeRoute, readStaticFile, resolveStaticPath } from './static-files.js';
import type { TeamAccess } from './team/access.js';

export interface HostOptions {
  /** Only `service` and `events` are used; the host never closes the app. */
  app: Pick<SeatwiseApp, 'service' | 'events'>;
  /** 0 or omitted: an ephemeral port chosen by the OS. */
  port?: number;
  /** The built renderer (`out/renderer`). */
  rendererDir: string;
  /** The bundled browser bridge; defaults to `<rendererDir>/host-bridge.js`. */
  hostBridgePath?: string;
  /** Defaults to 1 MiB. */
  bodyLimit?: number;
  /** Defaults to 15 s. */
  heartbeatMs?: number;
  /** Validate every service output against the contract (tests, development). */
  checkOutput?: boolean;
  /** Where unexpected service failures go (a log); they never reach the client. */
  onInternalError?: (method: string, error: unknown) => void;
  /** A team server: sign-in through OIDC instead of the per-run token. */
  team?: { access: TeamAccess; listenHost: string };
}

export interface HostHandle {
  /** What `seatwise serve` prints: carries the token once, for the browser. */
  readonly url: string;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly port: number;
  /** For programmatic clients (CLI, tests): `Authorization: Bearer <token>`. */
  readonly token: string;
  close(): Promise<void>;
}

const UNAUTHORIZED_PAGE = simplePage('Seatwise: sign-in link needed', [
  'This Seatwise window needs the link that `seatwise serve` printed in your terminal.',
  'Open that link (it starts with http://127.0.0.1 and ends with ?token=...). A new link is printed each time Seatwise starts.',
]);

export async function startHost(options: HostOptions): Promise<HostHandle> {
  // 256 bits each. The cookie carries a separate session value rather than the token, so
  // a cookie seen by another local server (cookies ignore ports) does not reveal the token.
  const token = randomBytes(32).toString('base64url');
  const session = randomBytes(32).toString('base64url');
  const rendererDir = path.resolve(options.rendererDir);
  const bridgeFile = path.resolve(options.hostBridgePath ?? path.join(rendererDir, 'host-bridge.js'));
  const streams = createEventStreams(options.app.events, options.heartbeatMs ?? 15_000);
  const rpcOptions: RpcOptions = {
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    checkOutput: options.checkOutput ?? false,
    onInternalError: options.onInternalError,
  };
  let port = 0;

  const team = options.team?.access;
  // A team server has no per-run token: people sign in, scripts have no way around that.
  const hasBearerToken = (req: IncomingMessage): boolean => !team && secretsEqual(bearerToken(req.headers.authorization), token);
  const isAuthenticated = (req: IncomingMessage): boolean =>
    hasBearerToken(req) || secretsEqual(readCookie(req.headers.cookie, sessionCookieName(port)), session);

  const serveFile = async (res: ServerResponse, pathname: string, head: boolean): Promise<void> => {
    const isIndex = pathname === '/' || pathname === '/index.html';
    let file = pathname === HOST_BRIDGE_PATH ? bridgeFile : resolveStaticPath(rendererDir, pathname);
    if (file === null) {
      sendText(res, 403, 'Forbidden path.');
      return;
    }
    let read = await readStaticFile(pathname === HOST_BRIDGE_PATH ? path.dirname(bridgeFile) : rendererDir, file);
    let serveIndex = isIndex;
    if (!read.ok && read.reason === 'not_found' && !isIndex && looksLikeRoute(pathname)) {
      file = path.join(rendererDir, 'index.html');
      read = await readStaticFile(rendererDir, file);
      serveIndex = true;
    }
    if (!read.ok) {
      if (serveIndex) {
        sendText(res, 503, simplePage('Seatwise is not built', ['The renderer was not found. Run `npm run build`, then start `seatwise serve` again.']), 'text/html; charset=utf-8');
      } else {
        sendText(res, read.reason === 'forbidden' ? 403 : 404, read.reason === 'forbidden' ? 'Forbidden path.' : 'Not found.');
      }
      return;
    }
    const body = serveIndex ? Buffer.from(injectHostBridge(read.body.toString('utf8')), 'utf8') : read.body;
    res.writeHead(200, {
      'Content-Type': contentTypeFor(file),
      'Content-Length': body.length,
      // Hashed asset names could be cached for ever; the index and the bridge must not be.
      'Cache-Control': serveIndex || pathname === HOST_BRIDGE_PATH ? 'no-store' : 'private, max-age=3600',
    });
    res.end(head ? undefined : body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    applySecurityHeaders(res);
    const publicHost = team ? new URL(team.origin).host : undefined;
    if (team ? req.headers.host?.trim().toLowerCase() !== publicHost : !isAllowedHost(req.headers.host, port)) {
      sendText(res, 421, `Misdirected request: use ${team ? team.origin : `http://127.0.0.1:${port}`}/`);
      return;
    }
    const url = new URL(req.url ?? '/', team ? team.origin : `http://127.0.0.1:${port}`);
    const isApi = url.pathname.startsWith('/rpc/') || url.pathname.startsWith('/download/') || url.pathname === '/events';
    const fetchSite = headerValue(req.headers['sec-fetch-site']);
    const origin = headerValue(req.headers.origin);
    const originOk = team ? origin === undefined || origin.trim().toLowerCase() === team.origin : isAllowedOrigin(origin, req.headers.host);
    if (!originOk || (isApi && !isAllowedFetchSite(fetchSite))) {
      sendError(res, 403, 'forbidden', 'Requests from other origins are refused.');
      return;
    }

    if (team) {
      if (await team.handle(req, res, url)) return;
      const caller = await team.caller(req);
      if (!caller) {
        team.refuse(res, isApi);
        return;
      }
      await route(req, res, url, { ...rpcOptions, caller });
      return;
    }

    // The printed link: trade the token for the session cookie, then drop it from the URL
    // (and so from history) with a redirect.
    const linkToken = url.searchParams.get('token');
    if (url.pathname === '/' && linkToken !== null && req.method === 'GET') {
      if (!secretsEqual(linkToken, token)) {
        sendText(res, 401, UNAUTHORIZED_PAGE, 'text/html; charset=utf-8');
        return;
      }
      res.writeHead(303, { Location: '/', 'Set-Cookie': sessionCookie(port, session), 'Cache-Control': 'no-store' });
      res.end();
      return;
    }

    if (!isAuthenticated(req)) {
      if (isApi) sendError(res, 401, 'unauthorized', 'Missing or wrong token: open the URL printed by `seatwise serve`.', { 'WWW-Authenticate': 'Bearer' });
      else if (url.pathname === '/' || url.pathname === '/index.html') sendText(res, 401, UNAUTHORIZED_PAGE, 'text/html; charset=utf-8');
      else sendText(res, 401, 'Unauthorized.');
      return;
    }
    await route(req, res, url, rpcOptions);
  };

  /** Past the door: the same routes for both kinds of host. */
  const route = async (req: IncomingMessage, res: ServerResponse, url: URL, rpcOptions: RpcOptions): Promise<void> => {
    if (url.pathname.startsWith('/rpc/')) {
      const name = url.pathname.slice('/rpc/'.length);
      // The page has the session cookie only: its exports are downloads, never a file main
      // writes at a path the page chose. A script with the printed token may, as the CLI does.
      if (!hasBearerToken(req) && isDownloadMethod(safeDecode(name))) {
        sendError(res, 403, 'forbidden', 'In the browser an export is a download: Seatwise does not write it to a path on this machine.');
        return;
      }
      await handleRpc(req, res, name, options.app.service, rpcOptions);
      return;
    }
    if (url.pathname.startsWith('/download/')) {
      await handleDownload(req, res, url.pathname.slice('/download/'.length), options.app.service, { ...rpcOptions, bodyLimit: Math.max(rpcOptions.bodyLimit, DOWNLOAD_BODY_LIMIT) });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method not allowed.');
      return;
    }
    if (url.pathname === '/events') {
      if (req.method !== 'GET') {
        sendError(res, 405, 'method_not_allowed', 'Use GET for /events.', { Allow: 'GET' });
        return;
      }
      streams.handle(req, res);
      return;
    }
    await serveFile(res, url.pathname, req.method === 'HEAD');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // Nothing of the failure (stack, message) goes to the client.
      if (!res.headersSent) sendError(res, 500, 'internal', 'Seatwise could not answer this request.');
      else res.destroy();
    });
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${options.port} on 127.0.0.1 is already in use. Choose another with --port, or omit it for a free one.`)
          : error,
      );
    };
    server.once('error', onError);
    // Loopback only: the host is never reachable from the network, whatever the firewall.
    // A team server listens where it was told (behind the company's TLS proxy).
    server.listen(options.port ?? 0, options.team?.listenHost ?? '127.0.0.1', () => {
      server.off('error', onError);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = team ? team.origin : `http://127.0.0.1:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url: team ? `${origin}/` : `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close() {
      closing ??= new Promise<void>((resolve) => {
        streams.closeAll();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function safeDecode(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export { CONTENT_SECURITY_POLICY } from './policy.js';
export { injectHostBridge } from './static-files.js';
