/** Bearer-token checks for simulator guards. */
import type { SimRequest } from './responses.js';

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(req: Pick<SimRequest, 'headers'>): string | undefined {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(.+)$/i.exec(header.trim()) : null;
  return match?.[1];
}

/**
 * True when the request carries one of the accepted tokens. Accepts a fixed token, a set
 * (several users, or tokens minted by a simulated OAuth endpoint), or a predicate.
 */
export function hasBearer(
  req: Pick<SimRequest, 'headers'>,
  accepted: string | ReadonlySet<string> | ((token: string) => boolean),
): boolean {
  const token = bearerToken(req);
  if (token === undefined) return false;
  if (typeof accepted === 'string') return token === accepted;
  if (typeof accepted === 'function') return accepted(token);
  return accepted.has(token);
}
