/**
 * Who the connection is: an app registration signs in as itself, not as a person, so "connected
 * as" is the app in its tenant. The tenant's name comes from GET /organization when the app may
 * read it (Organization.Read.All, optional); without it the tenant id from the settings stands in.
 */
import type { HttpClient } from '../http/client.js';
import type { ConnectionSettings, Whoami } from '../types.js';
import { TENANT_OPTION } from './defaults.js';
import { collectionSchema, organizationSchema, parseGraph } from './schemas.js';

export async function graphWhoami(http: HttpClient, settings: ConnectionSettings): Promise<Whoami> {
  const tenant = settings.options[TENANT_OPTION]?.trim() || undefined;
  const clientId = settings.clientId?.trim() || undefined;
  const res = await http.request({ url: '/organization', query: { $select: 'id,displayName' }, acceptStatus: [403] });
  const org = res.status === 403 ? undefined : parseGraph(collectionSchema(organizationSchema), res.body, 'GET /organization').value[0];
  return {
    // Never a user's id: an app holds no seat, so it must not match one.
    userId: clientId ? `app:${clientId}` : 'app',
    name: clientId ? `App registration ${clientId}` : 'App registration',
    orgId: org?.id ?? tenant,
    orgName: org?.displayName ?? undefined,
  };
}
