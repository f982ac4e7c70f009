/**
 * The checks every request to the browser host passes before anything else runs. Pure
 * functions over header values, so each rule is unit-tested on its own.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * DNS rebinding defence: a hostile page that makes `evil.example` resolve to 127.0.0.1 still
 * sends `Host: evil.example:<port>`. Only the loopback names for our own port are accepted.
 */
export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  const host = hostHeader.trim().toLowerCase();
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/**
 * Browsers send Origin on every cross-origin request and on same-origin POSTs. When it is
 * there it must be exactly the origin the page was loaded from (scheme, name and port).
 */
export function isAllowedOrigin(originHeader: string | undefined, hostHeader: string | undefined): boolean {
  if (originHeader === undefined) return true;
  if (!hostHeader) return false;
  return originHeader.trim().toLowerCase() === `http://${hostHeader.trim().toLowerCase()}`;
}

/**
 * Fetch metadata: a request a page on another site (or another local port) made is refused
 * even before authentication; `none` is the user typing or clicking the printed URL.
 */
export function isAllowedFetchSite(secFetchSite: string | undefined): boolean {
  return secFetchSite === undefined || secFetchSite === 'same-origin' || secFetchSite === 'none';
}

/** Constant-time comparison: hashing first makes both sides the same length. */
export function secretsEqual(presented: string | undefined, expected: string): boolean {
  if (presented === undefined || presented.length === 0 || presented.length > 1024) return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function bearerToken(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return match?.[1];
}

export function readCookie(cookieHeader: string | undefined, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Cookies are shared by every port of 127.0.0.1, so the name carries the port: two hosts
 * running side by side (or another local app) do not overwrite each other's session.
 */
export function sessionCookieName(port: number): string {
  return `seatwise_session_${port}`;
}

export function sessionCookie(port: number, value: string): string {
  // No Max-Age: the session ends with the browser session, and the value with this run.
  return `${sessionCookieName(port)}=${value}; Path=/; HttpOnly; SameSite=Strict`;
}
