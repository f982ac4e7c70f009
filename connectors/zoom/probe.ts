/**
 * One cheap real call per process. Zoom checks a token's scopes before anything else, so each
 * probe asks for exactly what the process needs and reads Zoom's 4711 answer when a scope is
 * missing (classified in http-options.ts).
 */
import type { HttpClient } from '../http/client.js';
import { ConnectorError } from '../http/errors.js';
import type { ProbeResult, ProcessName } from '../types.js';
import { parseZoom, userPageSchema, ZOOM_ERROR, zoomErrorCode, zoomErrorMessage } from './api.js';
import { ZOOM_SCOPES } from './descriptor.js';

/**
 * The reclaim probe updates a user that cannot exist (Zoom user ids are 22 letters, digits, "-"
 * and "_", never this), with an empty body: Zoom refuses it for a missing scope (4711) before
 * looking the user up, and otherwise answers "User does not exist". Nothing can change.
 */
export const RECLAIM_PROBE_USER = 'seatwise-permission-check';

export async function probeZoom(http: HttpClient, process: ProcessName, where: string): Promise<ProbeResult> {
  switch (process) {
    case 'download': {
      const res = await http.request({ url: '/users', query: { status: 'active', page_size: 1 } });
      const page = parseZoom(userPageSchema, res.body, 'GET /users');
      const count = page.total_records === undefined ? '' : `${page.total_records} `;
      return { process, ok: true, message: `Seatwise can list the ${count}active users of ${where}.` };
    }
    case 'activity': {
      const res = await http.request({ url: '/users', query: { status: 'active', page_size: 1 } });
      parseZoom(userPageSchema, res.body, 'GET /users');
      return {
        process,
        ok: true,
        message: `Seatwise can read each user's last sign-in (last_login_time) from the user list of ${where}; it needs no other scope.`,
      };
    }
    case 'reclaim': {
      const res = await http.request({
        method: 'PATCH',
        url: `/users/${RECLAIM_PROBE_USER}`,
        body: {},
        acceptStatus: [400, 404],
      });
      const code = zoomErrorCode(res.body);
      if (res.status < 300 || code === ZOOM_ERROR.userNotFound) {
        return {
          process,
          ok: true,
          message: `The app may change user types in ${where} (${ZOOM_SCOPES.updateUser} or ${ZOOM_SCOPES.classicWrite}), so Seatwise can downgrade users to Basic and set them Licensed again.`,
        };
      }
      const said = zoomErrorMessage(res.body) ?? `HTTP ${res.status}`;
      if (code === ZOOM_ERROR.missingScope) {
        return {
          process,
          ok: false,
          message: `Zoom refused to let the app change users: ${said}. Add ${ZOOM_SCOPES.updateUser} (classic: ${ZOOM_SCOPES.classicWrite}) to the Server-to-Server OAuth app, or leave reclaim off.`,
        };
      }
      throw new ConnectorError('bad_request', `Zoom answered the reclaim check unexpectedly (PATCH /users/{userId}): ${said}.`, { status: res.status, vendorMessage: said });
    }
  }
}
