/**
 * The shape of every data file, checked whole when the file is read: a damaged field deep in a
 * file stops Seatwise with the file's name, the path inside it and what was expected, instead
 * of failing later in some service ("rules.filter is not a function").
 *
 * Records are loose objects: a field this version does not know (written by a newer Seatwise,
 * or added since) is kept, not refused. Only fields every file has today are required; the
 * types of known fields are strict. Values are checked, never rewritten: the store keeps
 * working on what it read, so an unknown field survives the next write.
 */
import { z } from 'zod';
import { GRANT_TYPES, PROCESSES, VENDORS } from '../../connectors/types.js';
import { ASSIGNABLE_ROLES, jobResultSchema } from '../../preload/contract.js';
import { CANDIDATE_STATUSES } from '../reclamation/types.js';

const text = z.string();
const count = z.number();

const scheduleSchema = z.discriminatedUnion('kind', [
  z.looseObject({ kind: z.literal('daily'), time: text, timeZone: text.optional() }),
  z.looseObject({ kind: z.literal('weekly'), day: count, time: text, timeZone: text.optional() }),
  z.looseObject({ kind: z.literal('cron'), expression: text, timeZone: text.optional() }),
]);

const profileSchema = z.looseObject({
  id: text,
  name: text,
  vendor: z.enum(VENDORS),
  preset: text.optional(),
  status: z.enum(['draft', 'published']),
  createdAt: text,
  publishedAt: text.optional(),
  aliasId: text,
  processes: z.looseObject({
    activity: z.looseObject({ enabled: z.boolean(), lookbackDays: count }),
    reclaim: z.looseObject({ enabled: z.boolean() }),
  }),
  schedule: scheduleSchema,
  playbook: z.looseObject({ currentStep: text, completed: z.array(text), draft: z.record(z.string(), z.unknown()) }),
  attention: z.looseObject({ kind: z.enum(['needs_signin', 'failing', 'needs_attention']), reason: text, at: text }).optional(),
  activityAvailable: z.boolean().nullable(),
  activityNote: z.looseObject({ reason: text, message: text }).optional(),
  lastJobId: text.optional(),
  lastRunAt: text.optional(),
  lastActivitySyncAt: text.optional(),
  analysisStart: text.optional(),
  sso: z.looseObject({ idpProfileId: text, appId: text, appLabel: text, lastReadAt: text.optional() }).optional(),
  stats: z.looseObject({
    seats: count,
    freeSeats: count,
    deactivatedSeats: count.optional(),
    subscriptions: count,
    candidates: count,
    monthlySavings: count,
    currency: text,
    unpricedCandidates: count.optional(),
    licenseTypes: z.array(z.looseObject({ name: text, seats: count, paid: z.boolean(), deactivated: count.optional() })),
  }),
  demo: z.boolean().optional(),
});

const aliasSchema = z.looseObject({
  id: text,
  profileId: text,
  parentAliasId: text.optional(),
  label: text,
  vendor: z.enum(VENDORS),
  settings: z.looseObject({
    baseUrl: text,
    grantType: z.enum(GRANT_TYPES),
    clientId: text.optional(),
    username: text.optional(),
    authorizeUrl: text.optional(),
    tokenUrl: text.optional(),
    revokeUrl: text.optional(),
    scopes: z.array(text).optional(),
    options: z.record(z.string(), text),
    redirectPort: count.optional(),
  }),
  secretKinds: z.array(text),
  status: z.enum(['not_connected', 'connected', 'needs_signin', 'failing']),
  connectedAs: text.optional(),
  connectedUserId: text.optional(),
  expiresAt: text.optional(),
  lastValidation: z.looseObject({ at: text, results: z.array(z.looseObject({ process: z.enum(PROCESSES), ok: z.boolean(), message: text })) }).optional(),
});

const modelSchema = z.looseObject({ id: text, profileId: text, publisher: text, product: text, licenseType: text, paid: z.boolean(), createdAt: text });

const ruleSchema = z.looseObject({
  id: text,
  profileId: text,
  modelId: text.optional(),
  licenseType: text,
  name: text,
  thresholdDays: count,
  notifyUser: z.boolean(),
  daysBeforeAutoReclaim: count,
  approvalRequired: z.boolean(),
  reclaimWithoutApproval: z.boolean(),
  // Files from before automatic reclaim lack it: absent means off.
  autoReclaim: z.boolean().optional(),
  enabled: z.boolean(),
  // Files from before leavers lack both: absent means on, 0 days.
  leaversEnabled: z.boolean().optional(),
  leaverDays: count.optional(),
  action: z.enum(['remove', 'downgrade']).optional(),
  downgradeTo: text.optional(),
});

const exclusionSchema = z.looseObject({ id: text, kind: z.enum(['licenseType', 'user']), pattern: text, reason: text, createdAt: text, profileId: text.optional() });

const entitlementSchema = z.looseObject({
  profileId: text,
  licenseType: text,
  owned: count.nullable(),
  unitCost: count,
  currency: text,
  period: z.enum(['month', 'year']),
  renewalDate: text.optional(),
  ownedFromVendor: z.boolean().optional(),
});

const unrecognizedSchema = z.looseObject({
  profileId: text,
  licenseType: text,
  seats: count,
  firstSeenAt: text,
  resolution: z.discriminatedUnion('kind', [z.looseObject({ kind: z.literal('mapped'), modelId: text }), z.looseObject({ kind: z.literal('excluded') })]).optional(),
});

/** `seatwise.json`, after migration and with absent top-level lists filled in. */
export const rootFileSchema = z.looseObject({
  schemaVersion: z.number().int(),
  profiles: z.array(profileSchema),
  aliases: z.array(aliasSchema),
  models: z.array(modelSchema),
  rules: z.array(ruleSchema),
  exclusions: z.array(exclusionSchema),
  entitlements: z.array(entitlementSchema),
  unrecognized: z.array(unrecognizedSchema),
  settings: z.looseObject({ keepRunningInTray: z.boolean(), maxParallelSyncs: z.number().int() }),
  roles: z.array(z.looseObject({ person: text, roles: z.array(z.enum(ASSIGNABLE_ROLES)), assignedBy: text, assignedAt: text })),
});

/**
 * `jobs.json`: the contract's own job schema (every stored job is served by jobs:list as it
 * is), so a job that reads here also passes the contract. z.object accepts unknown keys.
 */
export const jobsFileSchema = z.array(jobResultSchema);

export const subscriptionSchema = z.looseObject({
  id: text,
  profileId: text,
  orgId: text,
  userId: text,
  email: text,
  name: text,
  licenseType: text,
  active: z.boolean(),
  admin: z.boolean(),
  owner: z.boolean(),
  paid: z.boolean(),
  connectedAccount: z.boolean(),
  startedAt: text.optional(),
  lastActivityAt: text.optional(),
  firstSeenAt: text,
  lastSeenAt: text,
  reclaimRef: text.optional(),
  lastActivitySource: z.enum(['sso']).optional(),
});

/** Everything in `snapshot.json` but the subscriptions, which are checked after decoding. */
export const snapshotHeadSchema = z.looseObject({
  profileId: text,
  jobId: text,
  committedAt: text,
  orgs: z.array(z.looseObject({ aliasId: text, label: text, connectedUserId: text.optional() })),
});

export const candidateSchema = z.looseObject({
  id: text,
  profileId: text,
  orgId: text,
  subscriptionId: text,
  userId: text,
  email: text,
  name: text,
  licenseType: text,
  lastActivityAt: text.optional(),
  inactiveSince: text,
  daysInactive: count,
  ruleId: text,
  ruleName: text,
  thresholdDays: count,
  status: z.enum(CANDIDATE_STATUSES),
  monthlyCost: count.nullable(),
  currency: text.nullable(),
  why: text,
  reclaimableAt: text.optional(),
  detectedAt: text,
  resolvedAt: text.optional(),
  reason: z.enum(['inactive', 'leaver']).optional(),
  activitySource: z.enum(['vendor', 'sso']).nullable().optional(),
  orphan: z.boolean().optional(),
  // Files from before downgrades lack them: the saving is then monthlyCost.
  monthlySaving: count.nullable().optional(),
  savingNote: text.optional(),
  downgradeTo: text.optional(),
});

/** `candidates.json` without its list, which checkRecords goes through. */
export const candidateFileHeadSchema = z.looseObject({ profileId: text, computedAt: text, candidates: z.array(z.unknown()) });

/** One line of `audit.jsonl`. `before` and `after` are whatever the change was. */
export const auditEventSchema = z.looseObject({
  id: text,
  at: text,
  actor: text,
  action: text,
  profileId: text.optional(),
  target: text.optional(),
  message: text.optional(),
});

// ---- checking --------------------------------------------------------------------------------

type Path = readonly PropertyKey[];

/** `rules[3].thresholdDays`; an odd key is quoted: `draft["a b"]`. */
export function formatPath(path: Path): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function valueAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return String(value);
    default:
      return 'an object';
  }
}

const EXPECTED: Record<string, string> = {
  array: 'a list',
  object: 'an object',
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  null: 'null',
};

/** A short token (a status, a kind) is worth showing; free text may be a person's name. */
const shown = (value: unknown): string => (typeof value === 'string' && value.length <= 40 ? JSON.stringify(value) : kindOf(value));

const oneOf = (values: readonly unknown[]): string =>
  values.length === 1 ? JSON.stringify(values[0]) : `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;

type Issue = z.core.$ZodIssue;

/** The deepest issue a union reports for its closest branch. */
function innermost(issue: Issue): Issue {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  const branches = issue.errors.map((errors) => errors.map((e) => ({ ...e, path: [...issue.path, ...e.path] }) as Issue));
  const best = branches.reduce((a, b) => (Math.max(...b.map((i) => i.path.length)) > Math.max(...a.map((i) => i.path.length)) ? b : a));
  return innermost(best.reduce((a, b) => (b.path.length > a.path.length ? b : a)));
}

/**
 * One issue in words: `"rules[3].thresholdDays" is not a number (found a string)`,
 * `"profiles[0].status" is not one of "draft", "published" (found "live")`.
 */
export function describeIssue(root: unknown, raw: Issue, prefix: Path = []): string {
  const issue = innermost(raw);
  const path = [...prefix, ...issue.path];
  const where = path.length ? `"${formatPath(path)}"` : 'its top level';
  const value = valueAt(root, issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      if (value === undefined && path.length) return `${where} is missing (expected ${expected})`;
      return `${where} is not ${expected} (found ${kindOf(value)})`;
    }
    case 'invalid_value':
      return `${where} is not ${oneOf(issue.values)} (found ${shown(value)})`;
    case 'invalid_union':
      // No branch's discriminator matched.
      if ('options' in issue && Array.isArray(issue.options)) return `${where} is not ${oneOf(issue.options)} (found ${shown(value)})`;
      return `${where} does not fit any of its allowed forms`;
    case 'invalid_format':
      return issue.format === 'datetime'
        ? `${where} is not a date and time such as 2026-01-31T09:00:00.000Z (found ${shown(value)})`
        : `${where} is not a valid ${issue.format} (found ${shown(value)})`;
    default:
      return `${where}: ${issue.message}`;
  }
}

/** The first problem with `value`, in words, or undefined when it fits. */
export function problemOf(schema: z.ZodType, value: unknown, prefix: Path = []): string | undefined {
  const result = schema.safeParse(value);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  return issue ? describeIssue(value, issue, prefix) : 'it does not fit its schema';
}

// ---- large lists -----------------------------------------------------------------------------
//
// A snapshot holds up to 200,000 subscriptions and a candidates file tens of thousands: zod
// takes about 2 µs a record, as long again as JSON.parse. For a loose object of plain fields
// (strings, numbers, booleans, enums; optional or nullable) the schema is turned into typeof
// checks, about ten times faster. It only ever says "fits" when zod would, and a record it
// doubts goes to zod, whose verdict and words stand.

type Test = (value: unknown) => boolean;

function testFor(schema: z.ZodType): Test | undefined {
  const def = schema._zod.def as { type: string; checks?: unknown[]; innerType?: z.ZodType; entries?: Record<string, unknown> };
  if (def.checks?.length) return undefined;
  switch (def.type) {
    case 'string':
      return (v) => typeof v === 'string';
    case 'number':
      return (v) => typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'unknown':
      return () => true;
    case 'enum': {
      const allowed = new Set(Object.values(def.entries ?? {}));
      return (v) => allowed.has(v);
    }
    case 'optional': {
      const inner = def.innerType && testFor(def.innerType);
      return inner && ((v) => v === undefined || inner(v));
    }
    case 'nullable': {
      const inner = def.innerType && testFor(def.innerType);
      return inner && ((v) => v === null || inner(v));
    }
    default:
      return undefined;
  }
}

function compileRecord(schema: z.ZodObject): Test | undefined {
  const fields: [string, Test][] = [];
  for (const [key, field] of Object.entries(schema.shape)) {
    const test = testFor(field as z.ZodType);
    if (!test) return undefined;
    fields.push([key, test]);
  }
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const record = value as Record<string, unknown>;
    for (const [key, test] of fields) if (!test(record[key])) return false;
    return true;
  };
}

/**
 * Per field of a loose object: the test of a present value, and whether the field is required.
 * Undefined when a field is not a plain one (then check records with checkRecords).
 */
export function fieldTests(schema: z.ZodObject): Map<string, { test: Test; required: boolean; schema: z.ZodType }> | undefined {
  const fields = new Map<string, { test: Test; required: boolean; schema: z.ZodType }>();
  for (const [key, field] of Object.entries(schema.shape) as [string, z.ZodType][]) {
    const def = field._zod.def as { type: string; innerType?: z.ZodType };
    const required = def.type !== 'optional';
    const present = required ? field : def.innerType;
    const test = present && testFor(present);
    if (!present || !test) return undefined;
    fields.set(key, { test, required, schema: present });
  }
  return fields;
}

const compiled = new WeakMap<z.ZodObject, Test | null>();

/** A checker for one record of `schema`: the problem in words (paths start with `prefix`), or undefined. */
export function recordCheck(schema: z.ZodObject): (record: unknown, prefix: Path) => string | undefined {
  let fast = compiled.get(schema);
  if (fast === undefined) {
    fast = compileRecord(schema) ?? null;
    compiled.set(schema, fast);
  }
  const test = fast;
  return (record, prefix) => (test?.(record) ? undefined : problemOf(schema, record, prefix));
}

/** The first record of `records` that does not fit `schema`, in words (paths start with `prefix`). */
export function checkRecords(records: readonly unknown[], schema: z.ZodObject, prefix: Path): string | undefined {
  const check = recordCheck(schema);
  for (let i = 0; i < records.length; i++) {
    const problem = check(records[i], [...prefix, i]);
    if (problem) return problem;
  }
  return undefined;
}
