import { randomBytes } from 'node:crypto';

/** Short, URL-safe, collision-resistant ids: `prf_k3j9x0a1b2c3`. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, '0')}`;
}
