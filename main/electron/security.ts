/**
 * Guards for every web contents the app ever creates: no navigation away from our page, no
 * new windows (https links go to the system browser instead), no webviews, no permissions,
 * no network from the renderer, and our CSP on every response.
 */
import { app, shell, type Session } from 'electron';
import { SECURITY_HEADERS } from '../host/policy.js';
import { isAllowedRendererRequest, isPermissionAllowed, isSafeExternalUrl, withSecurityHeaders } from './guards.js';

function openExternally(url: string): void {
  // Reviewed: only https URLs without credentials reach openExternal (isSafeExternalUrl).
  if (isSafeExternalUrl(url)) void shell.openExternal(url).catch(() => undefined); /* eng-disable OPEN_EXTERNAL_JS_CHECK */
}

/** Call once, before any window exists. */
export function installContentsGuards(): void {
  app.on('web-contents-created', (_event, contents) => {
    // The app is a single page: any navigation is a link click (sent to the browser when it
    // is https) or an attack (refused).
    contents.on('will-navigate', (event) => {
      event.preventDefault();
      openExternally(event.url);
    });
    contents.on('will-redirect', (event) => {
      event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
    });
    contents.setWindowOpenHandler(({ url }) => {
      openExternally(url);
      return { action: 'deny' };
    });
  });
}

/** Call once the app is ready, for the session the window uses. */
export function applySessionSecurity(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin));
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRendererRequest(details.url) });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withSecurityHeaders(details.responseHeaders, SECURITY_HEADERS) });
  });
}
