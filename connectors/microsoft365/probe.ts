/**
 * One cheap real call per process, each asking Graph for exactly what the process needs, so a
 * missing application permission or a tenant without Entra ID P1 shows up at validation and not
 * half way through a sync.
 */
import type { HttpClient } from '../http/client.js';
import { ConnectorError } from '../http/errors.js';
import { graphErrorCode, graphErrorMessage, GRAPH_CODES } from '../microsoft-graph/errors.js';
import { collectionSchema, parseGraph, subscribedSkuSchema, userSchema } from '../microsoft-graph/schemas.js';
import { signInsUnavailable } from '../microsoft-graph/users.js';
import type { ProbeResult, ProcessName } from '../types.js';
import { M365_PERMISSIONS } from './descriptor.js';

/**
 * The reclaim probe asks to change the licenses of a user that cannot exist (the all-zero
 * GUID), changing nothing: Graph checks the app's permission before it looks the user up, so a
 * missing LicenseAssignment.ReadWrite.All answers 403 and a granted one "does not exist" (404).
 */
export const RECLAIM_PROBE_USER = '00000000-0000-0000-0000-000000000000';

export async function probeMicrosoft365(http: HttpClient, process: ProcessName, where: string): Promise<ProbeResult> {
  switch (process) {
    case 'download': {
      const skus = await http.request({ url: '/subscribedSkus', query: { $select: 'skuId,skuPartNumber,consumedUnits,prepaidUnits' } });
      const list = parseGraph(collectionSchema(subscribedSkuSchema), skus.body, 'GET /subscribedSkus').value;
      const users = await http.request({ url: '/users', query: { $select: 'id,assignedLicenses,accountEnabled', $top: 1 } });
      parseGraph(collectionSchema(userSchema), users.body, 'GET /users');
      return { process, ok: true, message: `Seatwise can read the ${list.length} subscribed SKUs of ${where} and which licenses each user holds.` };
    }
    case 'activity': {
      const res = await http.request({ url: '/users', query: { $select: 'id,signInActivity', $top: 1 }, acceptStatus: [403] });
      if (res.status === 403) {
        const unavailable = signInsUnavailable(res.status, res.body, 'sign-in activity (signInActivity)');
        if (unavailable) return { process, ok: false, message: unavailable.message };
        const said = graphErrorMessage(res.body) ?? 'HTTP 403';
        return { process, ok: false, message: `Microsoft Graph refused to list users (GET /users): ${said}. Grant the app ${M365_PERMISSIONS.readUsers} and ${M365_PERMISSIONS.readSignIns} with admin consent.` };
      }
      parseGraph(collectionSchema(userSchema), res.body, 'GET /users');
      return { process, ok: true, message: `Seatwise can read each user's last sign-in (signInActivity) in ${where}: the app has ${M365_PERMISSIONS.readSignIns} and the tenant has Microsoft Entra ID P1 or P2.` };
    }
    case 'reclaim': {
      const res = await http.request({
        method: 'POST',
        url: `/users/${RECLAIM_PROBE_USER}/assignLicense`,
        body: { addLicenses: [], removeLicenses: [] },
        acceptStatus: [400, 403, 404],
      });
      const code = graphErrorCode(res.body);
      if (res.status === 403 || code === GRAPH_CODES.requestDenied) {
        const said = graphErrorMessage(res.body) ?? `HTTP ${res.status}`;
        return {
          process,
          ok: false,
          message: `Microsoft Graph refused to let the app change licenses: ${said}. Grant it ${M365_PERMISSIONS.writeLicenses} with admin consent, or leave reclaim off.`,
        };
      }
      if (res.status === 404 || res.status === 400 || res.status < 300) {
        return { process, ok: true, message: `The app may change license assignments in ${where} (${M365_PERMISSIONS.writeLicenses}), so Seatwise can remove, swap and assign licenses again.` };
      }
      throw new ConnectorError('bad_request', `Microsoft Graph answered the reclaim check unexpectedly (POST /users/{id}/assignLicense): HTTP ${res.status}.`, { status: res.status });
    }
  }
}
