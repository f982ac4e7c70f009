/**
 * Coalesces concurrent renewals of one alias's tokens into a single request, across every
 * provider built on the same vault in this process: parallel requests must not spend a
 * single-use refresh token (Calendly's) twice.
 */
const flights = new WeakMap<object, Map<string, Promise<unknown>>>();

export function singleFlight<T>(scope: object, key: string, run: () => Promise<T>): Promise<T> {
  let inScope = flights.get(scope);
  if (!inScope) {
    inScope = new Map();
    flights.set(scope, inScope);
  }
  const running = inScope.get(key) as Promise<T> | undefined;
  if (running) return running;
  const flight = run().finally(() => inScope.delete(key));
  inScope.set(key, flight);
  return flight;
}
