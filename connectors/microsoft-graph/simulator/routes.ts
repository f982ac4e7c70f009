/**
 * The Graph v1.0 endpoints of the directory and licensing, following Microsoft's reference:
 * List users ($select, $top 1..999, default page 100, signInActivity only with
 * AuditLog.Read.All on an Entra ID P1/P2 tenant and at most signInActivityMaxPage a page), Get
 * user, user: assignLicense (both lists required, checked whole before anything changes),
 * List subscribedSkus (consumedUnits live) and the organization.
 */
import { json, Router, type SimRequest } from '../../simulator-kit/index.js';
import { endpoint, type Caller } from './endpoint.js';
import { page, parseSelect, parseTop, project, startPosition } from './paging.js';
import type { GraphSeedUser, GraphTenant } from './seed.js';
import { GraphFault, type GraphSimState } from './state.js';

export const GRAPH_BASE_PATH = '/v1.0';

/** Graph's messages for the refusals around signInActivity (as observed; see connectors/microsoft-graph/errors.ts). */
export const NON_PREMIUM = { code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant', message: "Neither tenant is B2C or tenant doesn't have premium license" } as const;
export const AUDIT_PERMISSION_MISSING = { code: 'Authentication_MSGraphPermissionMissing', message: 'Calling principal does not have required MSGraph permissions AuditLog.Read.All' } as const;
export const GROUP_LICENSE = 'User license is inherited from a group membership and it cannot be removed directly from the user.';

export const ROLES = {
  readUsers: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  readSkus: ['LicenseAssignment.Read.All', 'LicenseAssignment.ReadWrite.All', 'Organization.Read.All', 'Organization.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  assignLicense: ['LicenseAssignment.ReadWrite.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
  readOrganization: ['Organization.Read.All', 'Organization.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  readAudit: ['AuditLog.Read.All'],
} as const;

const USER_FIELDS = new Set([
  'id', 'displayName', 'mail', 'userPrincipalName', 'userType', 'accountEnabled', 'createdDateTime', 'assignedLicenses',
  'signInActivity', 'givenName', 'surname', 'jobTitle', 'businessPhones', 'mobilePhone', 'officeLocation', 'preferredLanguage',
]);
/** What Graph returns without $select. */
const USER_DEFAULTS = ['businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName'];
const SKU_FIELDS = new Set(['id', 'skuId', 'skuPartNumber', 'appliesTo', 'capabilityStatus', 'consumedUnits', 'prepaidUnits', 'servicePlans', 'accountId', 'accountName', 'subscriptionIds']);
const SKU_DEFAULTS = [...SKU_FIELDS];
const ORG_FIELDS = new Set(['id', 'displayName', 'verifiedDomains', 'tenantType']);
const ORG_DEFAULTS = [...ORG_FIELDS];

export function consumedUnits(tenant: GraphTenant, skuId: string): number {
  return tenant.users.filter((u) => u.licenses.some((l) => l.skuId === skuId)).length;
}

function userView(u: GraphSeedUser): Record<string, unknown> {
  const [given, ...rest] = u.displayName.split(' ');
  return {
    id: u.id,
    businessPhones: [],
    displayName: u.displayName,
    givenName: given ?? null,
    surname: rest.join(' ') || null,
    jobTitle: null,
    mail: u.mail,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
    userPrincipalName: u.userPrincipalName,
    userType: u.userType,
    accountEnabled: u.accountEnabled,
    createdDateTime: u.createdDateTime,
    assignedLicenses: u.licenses.map((l) => ({ disabledPlans: [...l.disabledPlans], skuId: l.skuId })),
    signInActivity: {
      lastSignInDateTime: u.lastSignInDateTime,
      lastSignInRequestId: u.lastSignInDateTime ? `req-${u.id.slice(0, 8)}-i` : null,
      lastNonInteractiveSignInDateTime: u.lastNonInteractiveSignInDateTime,
      lastNonInteractiveSignInRequestId: u.lastNonInteractiveSignInDateTime ? `req-${u.id.slice(0, 8)}-n` : null,
      lastSuccessfulSignInDateTime: u.lastSignInDateTime ?? u.lastNonInteractiveSignInDateTime,
      lastSuccessfulSignInRequestId: null,
    },
  };
}

/** signInActivity is guarded on its own: the permission first, then the tenant's license, then the page size. */
function checkSignInActivity(state: GraphSimState, caller: Caller, fields: string[] | undefined, top: number | undefined): void {
  if (!fields?.includes('signInActivity')) return;
  if (!caller.token.roles.has('AuditLog.Read.All')) throw new GraphFault(403, AUDIT_PERMISSION_MISSING.code, AUDIT_PERMISSION_MISSING.message);
  if (!caller.sim.tenant.premium) throw new GraphFault(403, NON_PREMIUM.code, NON_PREMIUM.message);
  const max = state.knobs().signInActivityMaxPage;
  if (top !== undefined && top > max) throw new PageTooLarge(max);
}

/** The reporting service's own answer to a page too large for signInActivity: not Graph's usual body. */
class PageTooLarge extends Error {
  constructor(readonly max: number) {
    super(`Cannot query data for more than ${max} users at a time.`);
  }
}

function tooLarge(err: PageTooLarge) {
  return json(400, { '@odata.context': 'http://reportingservice.activedirectory.windowsazure.com/auditLogs/$metadata#Edm.String', value: err.message });
}

export function graphRoutes(state: GraphSimState, router: Router = new Router()): Router {
  const p = (path: string): string => `${GRAPH_BASE_PATH}${path}`;
  const context = (what: string): string => `${state.origin()}${GRAPH_BASE_PATH}/$metadata#${what}`;

  router.get(
    p('/users'),
    endpoint(state, ROLES.readUsers, (req, caller) => {
      const fields = parseSelect(req, USER_FIELDS, 'user');
      const top = parseTop(req, { defaultSize: 100, maxSize: 999 });
      try {
        checkSignInActivity(state, caller, fields, top);
      } catch (err) {
        if (err instanceof PageTooLarge) return tooLarge(err);
        throw err;
      }
      const tenant = caller.sim.tenant;
      const start = startPosition(req, tenant.tenantId);
      const { value, nextLink } = page(state, req, tenant.tenantId, tenant.users, start, top);
      return json(200, {
        '@odata.context': context(fields ? `users(${fields.join(',')})` : 'users'),
        value: value.map((u) => project(userView(u), fields, USER_DEFAULTS)),
        ...(nextLink ? { '@odata.nextLink': nextLink } : {}),
      });
    }),
  );

  router.get(
    p('/users/:id'),
    endpoint(state, ROLES.readUsers, (req, caller) => {
      const fields = parseSelect(req, USER_FIELDS, 'user');
      checkSignInActivity(state, caller, fields, undefined);
      const user = userOf(req, caller);
      return json(200, { '@odata.context': context('users/$entity'), ...project(userView(user), fields, USER_DEFAULTS) });
    }),
  );

  router.post(
    p('/users/:id/assignLicense'),
    endpoint(state, ROLES.assignLicense, (req, caller) => {
      state.counters.licenseCalls += 1;
      const user = userOf(req, caller);
      const { add, remove } = licenseBody(req.body);
      const tenant = caller.sim.tenant;
      // Checked whole first: Graph applies an assignLicense call entirely or not at all.
      for (const skuId of remove) {
        const held = user.licenses.find((l) => l.skuId === skuId);
        if (!held) throw new GraphFault(400, 'Request_BadRequest', `User does not have a corresponding license with SKU ${skuId}.`);
        if (held.viaGroup) throw new GraphFault(400, 'Request_BadRequest', GROUP_LICENSE);
      }
      for (const a of add) {
        const sku = tenant.skus.find((s) => s.skuId === a.skuId && s.appliesTo === 'User');
        if (!sku) throw new GraphFault(400, 'Request_BadRequest', `License ${a.skuId} does not correspond to a valid company License.`);
        const already = user.licenses.some((l) => l.skuId === a.skuId) && !remove.includes(a.skuId);
        const free = sku.prepaid.enabled + sku.prepaid.warning - consumedUnits(tenant, a.skuId) + (remove.includes(a.skuId) ? 1 : 0);
        if (!already && free <= 0) throw new GraphFault(400, 'Request_BadRequest', `Subscription with SKU ${a.skuId} does not have any available licenses.`);
      }
      user.licenses = user.licenses.filter((l) => !remove.includes(l.skuId));
      for (const a of add) {
        const held = user.licenses.find((l) => l.skuId === a.skuId);
        if (held) held.disabledPlans = a.disabledPlans;
        else user.licenses.push({ skuId: a.skuId, disabledPlans: a.disabledPlans });
      }
      return json(200, { '@odata.context': context('users/$entity'), ...project(userView(user), undefined, USER_DEFAULTS) });
    }),
  );

  router.get(
    p('/subscribedSkus'),
    endpoint(state, ROLES.readSkus, (req, caller) => {
      const fields = parseSelect(req, SKU_FIELDS, 'subscribedSku');
      const tenant = caller.sim.tenant;
      const value = tenant.skus.map((s) =>
        project(
          {
            id: `${tenant.tenantId}_${s.skuId}`,
            accountId: tenant.tenantId,
            accountName: tenant.displayName,
            appliesTo: s.appliesTo,
            capabilityStatus: s.prepaid.warning > 0 && s.prepaid.enabled === 0 ? 'Warning' : 'Enabled',
            consumedUnits: consumedUnits(tenant, s.skuId),
            prepaidUnits: { ...s.prepaid },
            servicePlans: [],
            skuId: s.skuId,
            skuPartNumber: s.skuPartNumber,
            subscriptionIds: [],
          },
          fields,
          SKU_DEFAULTS,
        ),
      );
      return json(200, { '@odata.context': context('subscribedSkus'), value });
    }),
  );

  router.get(
    p('/organization'),
    endpoint(state, ROLES.readOrganization, (req, caller) => {
      const fields = parseSelect(req, ORG_FIELDS, 'organization');
      const t = caller.sim.tenant;
      const org = { id: t.tenantId, displayName: t.displayName, tenantType: 'AAD', verifiedDomains: [{ name: t.domain, isDefault: true, isInitial: true, type: 'Managed' }] };
      return json(200, { '@odata.context': context('organization'), value: [project(org, fields, ORG_DEFAULTS)] });
    }),
  );

  return router;
}

function userOf(req: SimRequest, caller: Caller): GraphSeedUser {
  const ref = req.params.id ?? '';
  const user = caller.sim.byId.get(ref.toLowerCase()) ?? caller.sim.tenant.users.find((u) => u.userPrincipalName.toLowerCase() === ref.toLowerCase());
  if (!user) throw new GraphFault(404, 'Request_ResourceNotFound', `Resource '${ref}' does not exist or one of its queried reference-property objects are not present.`);
  return user;
}

function licenseBody(body: unknown): { add: Array<{ skuId: string; disabledPlans: string[] }>; remove: string[] } {
  const obj = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const add = obj.addLicenses;
  const remove = obj.removeLicenses;
  if (!Array.isArray(add)) throw new GraphFault(400, 'Request_BadRequest', "Invalid value specified for property 'addLicenses' of resource 'User'.");
  if (!Array.isArray(remove)) throw new GraphFault(400, 'Request_BadRequest', "Invalid value specified for property 'removeLicenses' of resource 'User'.");
  const adds = add.map((a: unknown) => {
    const entry = typeof a === 'object' && a !== null ? (a as Record<string, unknown>) : {};
    if (typeof entry.skuId !== 'string') throw new GraphFault(400, 'Request_BadRequest', "Invalid value specified for property 'skuId' of resource 'AssignedLicense'.");
    const plans = Array.isArray(entry.disabledPlans) ? entry.disabledPlans.filter((x): x is string => typeof x === 'string') : [];
    return { skuId: entry.skuId.toLowerCase(), disabledPlans: plans };
  });
  const removes = remove.map((r: unknown) => {
    if (typeof r !== 'string') throw new GraphFault(400, 'Request_BadRequest', "Invalid value specified for property 'removeLicenses' of resource 'User'.");
    return r.toLowerCase();
  });
  return { add: adds, remove: removes };
}
