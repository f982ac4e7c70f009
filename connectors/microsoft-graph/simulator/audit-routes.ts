/**
 * The Graph v1.0 endpoints of the directory's apps and sign-in log: List servicePrincipals
 * (the enterprise-app tag filter, $top up to 999) and List signIns (AuditLog.Read.All on an Entra
 * ID P1/P2 tenant, most recent first, $top up to 1,000, $filter on appId and createdDateTime
 * joined with "and").
 */
import { json, type Router } from '../../simulator-kit/index.js';
import { endpoint } from './endpoint.js';
import { page, parseSelect, parseTop, project, startPosition } from './paging.js';
import { AUDIT_PERMISSION_MISSING, GRAPH_BASE_PATH, NON_PREMIUM, ROLES } from './routes.js';
import type { GraphSeedSignIn } from './seed.js';
import { GraphFault, type GraphSimState } from './state.js';

const ENTERPRISE_TAG = 'WindowsAzureActiveDirectoryIntegratedApp';
const SP_FIELDS = new Set(['id', 'appId', 'displayName', 'accountEnabled', 'servicePrincipalType', 'tags', 'appOwnerOrganizationId']);
const SP_DEFAULTS = [...SP_FIELDS];
const SP_ROLES = ['Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];

/** The filters the simulator understands; anything else is Graph's "Invalid filter clause". */
const TAG_FILTER = /^tags\/any\(\s*(\w+)\s*:\s*\1\s+eq\s+'([^']+)'\s*\)$/;
const CLAUSE = /^(appId|userId|userPrincipalName)\s+eq\s+'([^']*)'$|^createdDateTime\s+(ge|gt|le|lt)\s+(\S+)$|^status\/errorCode\s+eq\s+(\d+)$/;

function signInFilter(raw: string | null): (s: GraphSeedSignIn) => boolean {
  if (raw === null || raw.trim() === '') return () => true;
  const tests: Array<(s: GraphSeedSignIn) => boolean> = [];
  for (const clause of raw.split(/\s+and\s+/i)) {
    const m = CLAUSE.exec(clause.trim());
    if (!m) throw new GraphFault(400, 'BadRequest', `Invalid filter clause: ${clause.trim().slice(0, 100)}`);
    if (m[1]) {
      const field = m[1] as 'appId' | 'userId' | 'userPrincipalName';
      const value = (m[2] ?? '').toLowerCase();
      tests.push((s) => s[field].toLowerCase() === value);
    } else if (m[3]) {
      const at = Date.parse(m[4] ?? '');
      if (Number.isNaN(at)) throw new GraphFault(400, 'BadRequest', `Invalid filter clause: the value ${m[4]} is not a DateTimeOffset.`);
      const op = m[3];
      tests.push((s) => {
        const t = Date.parse(s.createdDateTime);
        return op === 'ge' ? t >= at : op === 'gt' ? t > at : op === 'le' ? t <= at : t < at;
      });
    } else {
      const code = Number(m[5]);
      tests.push((s) => s.errorCode === code);
    }
  }
  return (s) => tests.every((t) => t(s));
}

export function auditRoutes(state: GraphSimState, router: Router): Router {
  const p = (path: string): string => `${GRAPH_BASE_PATH}${path}`;
  const context = (what: string): string => `${state.origin()}${GRAPH_BASE_PATH}/$metadata#${what}`;

  router.get(
    p('/servicePrincipals'),
    endpoint(state, SP_ROLES, (req, caller) => {
      const fields = parseSelect(req, SP_FIELDS, 'servicePrincipal');
      const top = parseTop(req, { defaultSize: 100, maxSize: 999 });
      const filter = req.query.get('$filter');
      let tag: string | undefined;
      if (filter !== null && filter.trim() !== '') {
        const m = TAG_FILTER.exec(filter.trim());
        if (!m) throw new GraphFault(400, 'Request_UnsupportedQuery', 'Unsupported or invalid query filter clause specified for property of resource ServicePrincipal.');
        tag = m[2];
      }
      const tenant = caller.sim.tenant;
      const all = tenant.apps.map((a) => ({
        id: a.id,
        appId: a.appId,
        displayName: a.displayName,
        accountEnabled: true,
        servicePrincipalType: 'Application',
        tags: a.enterprise ? [ENTERPRISE_TAG] : [],
        appOwnerOrganizationId: a.enterprise ? null : 'f8cdef31-a31e-4b4a-93e4-5f571e91255a',
      }));
      const items = tag === undefined ? all : all.filter((a) => a.tags.includes(tag));
      const { value, nextLink } = page(state, req, tenant.tenantId, items, startPosition(req, tenant.tenantId), top);
      return json(200, {
        '@odata.context': context('servicePrincipals'),
        value: value.map((a) => project(a, fields, SP_DEFAULTS)),
        ...(nextLink ? { '@odata.nextLink': nextLink } : {}),
      });
    }),
  );

  router.get(
    p('/auditLogs/signIns'),
    endpoint(state, ROLES.readAudit, (req, caller) => {
      const tenant = caller.sim.tenant;
      if (!tenant.premium) throw new GraphFault(403, NON_PREMIUM.code, NON_PREMIUM.message);
      const top = parseTop(req, { defaultSize: 1000, maxSize: 1000 });
      const matches = signInFilter(req.query.get('$filter'));
      const items = tenant.signIns.filter(matches);
      const { value, nextLink } = page(state, req, tenant.tenantId, items, startPosition(req, tenant.tenantId), top);
      return json(200, {
        '@odata.context': context('auditLogs/signIns'),
        value: value.map((s) => ({
          id: s.id,
          createdDateTime: s.createdDateTime,
          userDisplayName: tenant.users.find((u) => u.id === s.userId)?.displayName ?? null,
          userPrincipalName: s.userPrincipalName,
          userId: s.userId,
          appId: s.appId,
          appDisplayName: s.appDisplayName,
          ipAddress: '203.0.113.10',
          clientAppUsed: 'Browser',
          isInteractive: true,
          status: { errorCode: s.errorCode, failureReason: s.errorCode === 0 ? null : 'Invalid username or password or Invalid on-premise username or password.', additionalDetails: null },
        })),
        ...(nextLink ? { '@odata.nextLink': nextLink } : {}),
      });
    }, AUDIT_PERMISSION_MISSING),
  );

  return router;
}
