/**
 * Just enough SOQL for the simulator: SELECT field paths FROM one of the objects the
 * connector reads, an optional WHERE of `path = literal` joined by AND, an optional LIMIT.
 * Field paths are checked against each object's fields, so a typo answers Salesforce's
 * INVALID_FIELD instead of silently returning nothing. Not a SOQL engine.
 */
import { SfError } from './state.js';

/** One record as the simulator holds it: plain fields plus relationships to other records. */
export interface SObject {
  type: string;
  id: string;
  fields: Record<string, unknown>;
  relations?: Record<string, SObject | null>;
}

interface ObjectSchema {
  fields: string[];
  /** Relationship name -> related object type. */
  relations: Record<string, string>;
}

export const SCHEMAS: Record<string, ObjectSchema> = {
  User: {
    fields: ['Id', 'Username', 'Email', 'Name', 'FirstName', 'LastName', 'IsActive', 'UserType', 'LastLoginDate', 'CreatedDate', 'ProfileId'],
    relations: { Profile: 'Profile' },
  },
  Profile: { fields: ['Id', 'Name', 'UserLicenseId', 'PermissionsManageUsers'], relations: { UserLicense: 'UserLicense' } },
  UserLicense: { fields: ['Id', 'Name', 'MasterLabel', 'LicenseDefinitionKey', 'TotalLicenses', 'UsedLicenses', 'Status'], relations: {} },
  PermissionSetAssignment: { fields: ['Id', 'AssigneeId', 'PermissionSetId'], relations: { PermissionSet: 'PermissionSet' } },
  PermissionSet: {
    fields: ['Id', 'Name', 'IsOwnedByProfile', 'PermissionsManageUsers', 'PermissionsManageInternalUsers', 'PermissionsFreezeUsers'],
    relations: {},
  },
  UserLogin: { fields: ['Id', 'UserId', 'IsFrozen', 'IsPasswordLocked'], relations: {} },
};

export interface SoqlQuery {
  object: string;
  /** Canonical field paths, e.g. ['Profile', 'UserLicense', 'Name']. */
  fields: string[][];
  where: Array<{ path: string[]; value: unknown }>;
  limit?: number;
}

const QUERY = /^\s*SELECT\s+(.+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+(.+?))?(?:\s+LIMIT\s+(\d+))?\s*$/is;

export function parseSoql(q: string | null): SoqlQuery {
  if (!q?.trim()) throw new SfError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
  const m = QUERY.exec(q);
  if (!m) throw new SfError(400, 'MALFORMED_QUERY', `unexpected token in query: ${q.trim().slice(0, 80)}`);
  const [, fieldList = '', rawObject = '', whereText, limit] = m;
  const object = Object.keys(SCHEMAS).find((o) => o.toLowerCase() === rawObject.toLowerCase());
  if (!object || object === 'PermissionSet') {
    throw new SfError(400, 'INVALID_TYPE', `sObject type '${rawObject}' is not supported by the simulator.`);
  }
  const fields = fieldList.split(',').map((f) => resolvePath(object, f.trim()));
  const where = whereText ? whereText.split(/\s+AND\s+/i).map((c) => condition(object, c)) : [];
  return { object, fields, where, limit: limit === undefined ? undefined : Number(limit) };
}

/** "profile.userlicense.name" -> ['Profile', 'UserLicense', 'Name'], or INVALID_FIELD. */
function resolvePath(object: string, raw: string): string[] {
  const invalid = (): SfError =>
    new SfError(400, 'INVALID_FIELD', `No such column '${raw}' on entity '${object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.`);
  const parts = raw.split('.');
  const out: string[] = [];
  let type = object;
  for (const [i, part] of parts.entries()) {
    const schema = SCHEMAS[type];
    if (!schema || part === '') throw invalid();
    const last = i === parts.length - 1;
    const name = last
      ? schema.fields.find((f) => f.toLowerCase() === part.toLowerCase())
      : Object.keys(schema.relations).find((r) => r.toLowerCase() === part.toLowerCase());
    if (!name) throw invalid();
    out.push(name);
    if (!last) type = schema.relations[name] as string;
  }
  return out;
}

function condition(object: string, text: string): { path: string[]; value: unknown } {
  const m = /^\s*([\w.]+)\s*=\s*('(?:[^'\\]|\\.)*'|true|false|\d+)\s*$/i.exec(text);
  if (!m) throw new SfError(400, 'MALFORMED_QUERY', `The simulator understands only "field = value" conditions joined by AND, not: ${text.trim()}`);
  const [, path = '', literal = ''] = m;
  const value = literal.startsWith("'")
    ? literal.slice(1, -1).replace(/\\(.)/g, '$1')
    : /^(true|false)$/i.test(literal)
      ? literal.toLowerCase() === 'true'
      : Number(literal);
  return { path: resolvePath(object, path), value };
}

function valueAt(obj: SObject | null | undefined, path: string[]): unknown {
  let cur: SObject | null | undefined = obj;
  for (const [i, part] of path.entries()) {
    if (!cur) return null;
    if (i === path.length - 1) return cur.fields[part] ?? null;
    cur = cur.relations?.[part];
  }
  return null;
}

export function matches(obj: SObject, where: SoqlQuery['where']): boolean {
  return where.every((c) => {
    const v = valueAt(obj, c.path);
    // Id comparisons accept the 15-character form of an 18-character id, as Salesforce does.
    if (typeof v === 'string' && typeof c.value === 'string' && c.path.at(-1)?.endsWith('Id')) return v.slice(0, 15) === c.value.slice(0, 15);
    return v === c.value;
  });
}

/** The record as the REST API returns it: attributes, then the selected fields, nested. */
export function project(obj: SObject, paths: string[][], apiPath: string): Record<string, unknown> {
  const out: Record<string, unknown> = { attributes: { type: obj.type, url: `${apiPath}/sobjects/${obj.type}/${obj.id}` } };
  const nested = new Map<string, string[][]>();
  for (const path of paths) {
    const [head, ...rest] = path as [string, ...string[]];
    if (rest.length === 0) out[head] = obj.fields[head] ?? null;
    else nested.set(head, [...(nested.get(head) ?? []), rest]);
  }
  for (const [rel, sub] of nested) {
    const related = obj.relations?.[rel];
    out[rel] = related ? project(related, sub, apiPath) : null;
  }
  return out;
}
