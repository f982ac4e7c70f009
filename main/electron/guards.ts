/**
 * The Electron shell's security decisions as plain functions, so each is unit-tested
 * without an Electron binary. security.ts, ipc.ts and protocol.ts only wire them in.
 */

/**
 * The renderer is served from a privileged custom scheme rather than file://: it gets a real
 * origin (so CSP 'self' means our files only, and absolute asset paths work) and nothing
 * else on disk is reachable through it.
 */
export const APP_SCHEME = 'seatwise-app';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

export function isAppUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

export interface SenderInfo {
  /** The sending frame's URL; undefined when the frame is gone. */
  url: string | undefined;
  /** The frame has no parent (not an iframe). */
  isTopFrame: boolean;
  /** The frame is the main window's main frame (same process and routing id). */
  isMainWindowFrame: boolean;
}

/** Only our own page, in our own window, at the top level, may call the services. */
export function isAllowedSender(sender: SenderInfo): boolean {
  return sender.isMainWindowFrame && sender.isTopFrame && isAppUrl(sender.url);
}

/**
 * Links the system browser may open: https only, no credentials in the URL, a real host.
 * Everything else (file:, javascript:, smb:, custom handlers) could run something locally.
 */
export function isSafeExternalUrl(url: string): boolean {
  if (typeof url !== 'string' || url.length > 2048) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.hostname.length > 0 && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/**
 * The window's renderer talks to main through IPC only: it fetches nothing from the network,
 * so http(s), ws(s) and file requests are cancelled. Chromium's own schemes stay usable.
 */
export function isAllowedRendererRequest(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return [`${APP_SCHEME}:`, 'data:', 'blob:', 'devtools:', 'chrome-extension:'].includes(protocol);
  } catch {
    return false;
  }
}

/**
 * Every permission is refused, with one exception: writing text to the clipboard from our
 * own page, which the "copy" buttons of the seat lists need.
 */
export function isPermissionAllowed(permission: string, requestingUrl: string | undefined): boolean {
  return permission === 'clipboard-sanitized-write' && isAppUrl(requestingUrl);
}

/** Replaces any CSP the response had (whatever the header's case) with ours. */
export function withSecurityHeaders(
  headers: Record<string, string[]> | undefined,
  security: Readonly<Record<string, string>>,
): Record<string, string[]> {
  const lowerNames = new Set(Object.keys(security).map((name) => name.toLowerCase()));
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!lowerNames.has(name.toLowerCase())) out[name] = value;
  }
  for (const [name, value] of Object.entries(security)) out[name] = [value];
  return out;
}
