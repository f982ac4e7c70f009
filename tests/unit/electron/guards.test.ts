import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  APP_URL,
  isAllowedRendererRequest,
  isAllowedSender,
  isAppUrl,
  isPermissionAllowed,
  isSafeExternalUrl,
  withSecurityHeaders,
} from '../../../main/electron/guards.js';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../../main/host/policy.js';

describe('isAppUrl', () => {
  it('accepts our own pages only', () => {
    expect(isAppUrl(APP_URL)).toBe(true);
    expect(isAppUrl(`${APP_ORIGIN}/assets/index.js`)).toBe(true);
    for (const url of [
      undefined,
      '',
      'file:///home/user/out/renderer/index.html',
      'https://app/index.html',
      'seatwise-app://evil/index.html',
      'seatwise-app://user:pw@app/index.html',
      'about:blank',
      'not a url',
    ]) {
      expect(isAppUrl(url), String(url)).toBe(false);
    }
  });
});

describe('isAllowedSender', () => {
  const good = { url: APP_URL, isTopFrame: true, isMainWindowFrame: true };
  it('accepts the main window top frame showing our page', () => {
    expect(isAllowedSender(good)).toBe(true);
  });
  it('refuses iframes, other windows, other pages and destroyed frames', () => {
    expect(isAllowedSender({ ...good, isTopFrame: false })).toBe(false);
    expect(isAllowedSender({ ...good, isMainWindowFrame: false })).toBe(false);
    expect(isAllowedSender({ ...good, url: 'https://example.com/' })).toBe(false);
    expect(isAllowedSender({ ...good, url: 'file:///etc/passwd' })).toBe(false);
    expect(isAllowedSender({ ...good, url: undefined })).toBe(false);
  });
});

describe('isSafeExternalUrl', () => {
  it('lets https links go to the system browser', () => {
    expect(isSafeExternalUrl('https://developers.asana.com/docs')).toBe(true);
    expect(isSafeExternalUrl('https://help.salesforce.com/s/articleView?id=sf.connected_app.htm')).toBe(true);
  });
  it('refuses everything that could run something locally or trick the user', () => {
    for (const url of [
      'http://example.com/',
      'file:///C:/Windows/System32/calc.exe',
      'javascript:alert(1)',
      'smb://attacker/share',
      'ms-msdt:/id PCWDiagnostic',
      'vscode://file/etc/passwd',
      'data:text/html,<script>1</script>',
      'https://user:pass@example.com/',
      'https://',
      'not a url',
      `https://example.com/${'a'.repeat(3000)}`,
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });
});

describe('isAllowedRendererRequest', () => {
  it('allows our scheme and Chromium internals, blocks the network and files', () => {
    expect(isAllowedRendererRequest(`${APP_ORIGIN}/assets/app.js`)).toBe(true);
    expect(isAllowedRendererRequest('data:image/png;base64,AAAA')).toBe(true);
    expect(isAllowedRendererRequest('devtools://devtools/bundled/inspector.html')).toBe(true);
    expect(isAllowedRendererRequest('https://cdn.example.com/lib.js')).toBe(false);
    expect(isAllowedRendererRequest('http://127.0.0.1:8080/rpc/app:info')).toBe(false);
    expect(isAllowedRendererRequest('wss://example.com/socket')).toBe(false);
    expect(isAllowedRendererRequest('file:///etc/passwd')).toBe(false);
    expect(isAllowedRendererRequest('::')).toBe(false);
  });
});

describe('isPermissionAllowed', () => {
  it('refuses every permission except clipboard writes from our page', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen', 'hid', 'usb']) {
      expect(isPermissionAllowed(permission, APP_ORIGIN), permission).toBe(false);
    }
    expect(isPermissionAllowed('clipboard-sanitized-write', APP_ORIGIN)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example')).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', undefined)).toBe(false);
  });
});

describe('withSecurityHeaders', () => {
  it('replaces a response CSP of any case with ours and keeps other headers', () => {
    const out = withSecurityHeaders(
      { 'content-security-policy': ["default-src *; script-src 'unsafe-inline'"], 'Content-Type': ['text/html'] },
      SECURITY_HEADERS,
    );
    expect(out['content-security-policy']).toBeUndefined();
    expect(out['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(out['Content-Type']).toEqual(['text/html']);
    expect(out['X-Content-Type-Options']).toEqual(['nosniff']);
  });
  it('copes with a response without headers', () => {
    expect(withSecurityHeaders(undefined, SECURITY_HEADERS)['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });
});

describe('the content security policy', () => {
  it('allows no inline code, no eval, no remote origin, no framing', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("base-uri 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/);
  });
});
