/**
 * What every simulated Graph endpoint does before its own work, as Graph does: resolve the
 * caller's tenant from the token, answer a 503 with Retry-After when the knob says so, and check
 * the application permissions the endpoint accepts (least privileged first), answering
 * Authorization_RequestDenied without one. A route throws GraphFault for Graph's other errors.
 */
import { bearerToken, type RouteHandler, type SimRequest, type SimResponse } from '../../simulator-kit/index.js';
import { GraphFault, type GraphSimState, type GraphSimTenant, type IssuedToken } from './state.js';

export interface Caller {
  sim: GraphSimTenant;
  token: IssuedToken;
}

export const DENIED = 'Insufficient privileges to complete the operation.';

export function endpoint(
  state: GraphSimState,
  roles: readonly string[],
  handler: (req: SimRequest, caller: Caller) => SimResponse,
  /** How Graph words the refusal at this endpoint, when not Authorization_RequestDenied. */
  denied: { code: string; message: string } = { code: 'Authorization_RequestDenied', message: DENIED },
): RouteHandler {
  return (req) => {
    try {
      const issued = state.tokens.get(bearerToken(req) ?? '');
      const sim = issued ? state.tenants.get(issued.tenantId) : undefined;
      if (!issued || !sim) throw new GraphFault(401, 'InvalidAuthenticationToken', 'Access token validation failure.');
      state.counters.graphRequests += 1;
      const knobs = state.knobs();
      if (knobs.unavailableEveryNth > 0 && state.counters.graphRequests % knobs.unavailableEveryNth === 0) {
        state.counters.unavailable += 1;
        throw new GraphFault(503, 'serviceNotAvailable', 'The service is temporarily unavailable. Retry the request after the time in the Retry-After header.', {
          'retry-after': String(knobs.unavailableRetryAfterSeconds),
        });
      }
      if (!roles.some((r) => issued.roles.has(r))) throw new GraphFault(403, denied.code, denied.message);
      return handler(req, { sim, token: issued });
    } catch (err) {
      if (err instanceof GraphFault) return err.response(state.clock());
      throw err;
    }
  };
}
