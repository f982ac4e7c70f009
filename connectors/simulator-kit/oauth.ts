/**
 * What every simulator's OAuth endpoints check the same way: the PKCE S256 verifier, secrets
 * compared in constant time, and loopback redirect URIs (RFC 8252) when none are registered.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export function pkceMatches(verifier: string | undefined, challenge: string): boolean {
  if (!verifier || !/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) return false;
  return safeEqual(createHash('sha256').update(verifier).digest('base64url'), challenge);
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function redirectAllowed(uri: string, registered: string[]): boolean {
  if (registered.length > 0) return registered.includes(uri);
  try {
    const url = new URL(uri);
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}
