/**
 * One cheap real call per process: the first user (download), the first active app and one
 * System Log event (activity). Okta checks the role or scope before anything else, so each
 * probe asks for exactly what its process needs.
 */
import type { HttpClient } from '../http/client.js';
import type { GrantType, ProbeResult, ProcessName } from '../types.js';
import { appSchema, eq, logEventSchema, oktaPath, parseOkta, userSchema } from './api.js';
import { SSO_EVENT_TYPE, systemLogUnavailable } from './sign-ins.js';

const DAY_MS = 86_400_000;

export async function probeOkta(http: HttpClient, process: ProcessName, grantType: GrantType, now: Date, where: string): Promise<ProbeResult> {
  switch (process) {
    case 'download': {
      const res = await http.request({ url: oktaPath('/api/v1/users', { limit: 1 }) });
      parseOkta(userSchema.array(), res.body, 'GET /api/v1/users');
      return { process, ok: true, message: `Seatwise can list the users of ${where}, with their status and last sign-in to Okta.` };
    }
    case 'activity': {
      const apps = await http.request({ url: oktaPath('/api/v1/apps', { filter: eq('status', 'ACTIVE'), limit: 1 }) });
      parseOkta(appSchema.array(), apps.body, 'GET /api/v1/apps');
      const res = await http.request({
        url: oktaPath('/api/v1/logs', {
          since: new Date(now.getTime() - DAY_MS).toISOString(),
          until: now.toISOString(),
          filter: eq('eventType', SSO_EVENT_TYPE),
          limit: 1,
        }),
        acceptStatus: [403],
      });
      if (res.status === 403) return { process, ok: false, message: systemLogUnavailable(res.status, res.body, grantType).message };
      parseOkta(logEventSchema.array(), res.body, 'GET /api/v1/logs');
      return { process, ok: true, message: `Seatwise can list the apps of ${where} and read their single sign-on events from the System Log.` };
    }
    case 'reclaim':
      return {
        process,
        ok: false,
        message: 'Seatwise does not reclaim anything in Okta: it reads Okta as a directory and SSO source. Seats are reclaimed in each app’s own connector.',
      };
  }
}
