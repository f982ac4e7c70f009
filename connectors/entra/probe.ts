/**
 * One cheap real call per process: the user list for the directory, the sign-in log and the
 * enterprise apps for activity, so a missing permission or a tenant on Entra ID Free shows up
 * at validation.
 */
import type { HttpClient } from '../http/client.js';
import { graphErrorMessage } from '../microsoft-graph/errors.js';
import { collectionSchema, parseGraph, servicePrincipalSchema, signInSchema, userSchema } from '../microsoft-graph/schemas.js';
import { signInsUnavailable } from '../microsoft-graph/users.js';
import type { ProbeResult, ProcessName } from '../types.js';
import { ENTRA_PERMISSIONS } from './descriptor.js';

export async function probeEntra(http: HttpClient, process: ProcessName, where: string): Promise<ProbeResult> {
  switch (process) {
    case 'download': {
      const res = await http.request({ url: '/users', query: { $select: 'id,accountEnabled', $top: 1 } });
      parseGraph(collectionSchema(userSchema), res.body, 'GET /users');
      return { process, ok: true, message: `Seatwise can list the people of ${where} and whether each account is enabled.` };
    }
    case 'activity': {
      const log = await http.request({ url: '/auditLogs/signIns', query: { $top: 1 }, acceptStatus: [403] });
      if (log.status === 403) {
        const unavailable = signInsUnavailable(log.status, log.body, 'sign-in logs (auditLogs/signIns)');
        const message = unavailable?.message ?? `Microsoft Graph refused the sign-in log (GET /auditLogs/signIns): ${graphErrorMessage(log.body) ?? 'HTTP 403'}. Grant the app ${ENTRA_PERMISSIONS.readSignIns} with admin consent.`;
        return { process, ok: false, message };
      }
      parseGraph(collectionSchema(signInSchema), log.body, 'GET /auditLogs/signIns');
      const apps = await http.request({ url: '/servicePrincipals', query: { $select: 'id,appId,displayName', $top: 1 }, acceptStatus: [403] });
      if (apps.status === 403) {
        return {
          process,
          ok: false,
          message: `Seatwise can read the sign-in log of ${where}, but not its enterprise apps (GET /servicePrincipals): ${graphErrorMessage(apps.body) ?? 'HTTP 403'}. Grant the app ${ENTRA_PERMISSIONS.readApps} with admin consent.`,
        };
      }
      parseGraph(collectionSchema(servicePrincipalSchema), apps.body, 'GET /servicePrincipals');
      return { process, ok: true, message: `Seatwise can read the sign-in log and the enterprise apps of ${where}: the app has ${ENTRA_PERMISSIONS.readSignIns} and ${ENTRA_PERMISSIONS.readApps}, and the tenant has Microsoft Entra ID P1 or P2.` };
    }
    case 'reclaim':
      return { process, ok: false, message: 'Microsoft Entra ID is a directory source: Seatwise reclaims nothing through it, so there is nothing to check.' };
  }
}
