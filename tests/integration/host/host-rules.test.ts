/** The host's pure rules, checked one by one with hostile inputs. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bearerToken, isAllowedHost, isAllowedOrigin, readCookie, secretsEqual, sessionCookie } from '../../../main/host/guards.js';
import { contentTypeFor } from '../../../main/host/policy.js';
import { injectHostBridge, resolveStaticPath } from '../../../main/host/static-files.js';

describe('isAllowedHost', () => {
  it('accepts only the loopback names on our port', () => {
    expect(isAllowedHost('127.0.0.1:5000', 5000)).toBe(true);
    expect(isAllowedHost('LOCALHOST:5000', 5000)).toBe(true);
    for (const host of [undefined, '', '127.0.0.1', '127.0.0.1:5001', 'evil.example:5000', '[::1]:5000', '0.0.0.0:5000', '127.0.0.1:5000.evil.example']) {
      expect(isAllowedHost(host, 5000), String(host)).toBe(false);
    }
  });
});

describe('isAllowedOrigin', () => {
  it('allows no Origin, or exactly the one the Host names', () => {
    expect(isAllowedOrigin(undefined, '127.0.0.1:5000')).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:5000', '127.0.0.1:5000')).toBe(true);
    expect(isAllowedOrigin('http://localhost:5000', '127.0.0.1:5000')).toBe(false);
    expect(isAllowedOrigin('null', '127.0.0.1:5000')).toBe(false);
    expect(isAllowedOrigin('http://127.0.0.1:5000', undefined)).toBe(false);
  });
});

describe('tokens and cookies', () => {
  it('compares secrets without caring about length differences', () => {
    expect(secretsEqual('abc', 'abc')).toBe(true);
    expect(secretsEqual('abd', 'abc')).toBe(false);
    expect(secretsEqual('ab', 'abc')).toBe(false);
    expect(secretsEqual('', 'abc')).toBe(false);
    expect(secretsEqual(undefined, 'abc')).toBe(false);
    expect(secretsEqual('x'.repeat(5000), 'abc')).toBe(false);
  });
  it('reads Bearer tokens and named cookies', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer   abc ')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken('Bearer a b')).toBeUndefined();
    expect(readCookie('a=1; seatwise_session_5=xyz; b=2', 'seatwise_session_5')).toBe('xyz');
    expect(readCookie('seatwise_session_50=xyz', 'seatwise_session_5')).toBeUndefined();
    expect(sessionCookie(5, 'v')).toBe('seatwise_session_5=v; Path=/; HttpOnly; SameSite=Strict');
  });
});

describe('resolveStaticPath', () => {
  const root = path.resolve('/srv/renderer');
  it('maps normal paths into the root', () => {
    expect(resolveStaticPath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/app-1.js')).toBe(path.join(root, 'assets', 'app-1.js'));
    expect(resolveStaticPath(root, '/assets//x%20y.png')).toBe(path.join(root, 'assets', 'x y.png'));
  });
  it('refuses traversal, dotfiles, backslashes, NUL, drive letters and bad encodings', () => {
    for (const p of ['/../x', '/a/../../x', '/..%2fx', '/%2e%2e/x', '/a/%2e%2e%2f%2e%2e%2fx', '/.git/config', '/a\\..\\x', '/a%5c..%5cx', '/x%00.js', '/C:/x', '/%E0%A4%A']) {
      expect(resolveStaticPath(root, p), p).toBeNull();
    }
  });
});

describe('injectHostBridge', () => {
  const tag = '<script src="/host-bridge.js"></script>';
  it('goes before the first script', () => {
    expect(injectHostBridge('<head><title>x</title><SCRIPT type="module" src="./a.js"></script></head>')).toBe(`<head><title>x</title>${tag}<SCRIPT type="module" src="./a.js"></script></head>`);
  });
  it('falls back to the end of head, then body, then the start', () => {
    expect(injectHostBridge('<head></head><body></body>')).toBe(`<head>${tag}</head><body></body>`);
    expect(injectHostBridge('<body></body>')).toBe(`<body>${tag}</body>`);
    expect(injectHostBridge('hello')).toBe(`${tag}hello`);
  });
  it('injects once', () => {
    const once = injectHostBridge('<head></head>');
    expect(injectHostBridge(once)).toBe(once);
  });
});

describe('contentTypeFor', () => {
  it('names known types and never guesses the rest', () => {
    expect(contentTypeFor('/a/index.HTML')).toContain('text/html');
    expect(contentTypeFor('/a/app.js')).toContain('text/javascript');
    expect(contentTypeFor('/a/file')).toBe('application/octet-stream');
  });
});
