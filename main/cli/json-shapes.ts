/**
 * What every `seatwise ... --json` prints, as zod schemas: the contract's own output schemas
 * where a command prints a contract answer as it is, and the CLI's few shapes of its own.
 * docs/cli-json.md is generated from this list (jsonShapesMarkdown), and the tests check
 * both that the page is current and that real output fits these schemas.
 */
import { z } from 'zod';
import {
  auditEventSchema,
  directorySourceSchema,
  entitlementViewSchema,
  exclusionSchema,
  jobResultSchema,
  methods,
  noticeSchema,
  okOutput,
  profileDetailSchema,
  profileSummarySchema,
  reclaimedSeatSchema,
  reclaimOutcomeSchema,
  reclaimPlanSchema,
  reclaimResultSchema,
  reconciliationSchema,
  ruleSchema,
  scheduleViewSchema,
  validationResultSchema,
} from '../../preload/contract.js';
import type { ExportRow } from '../export/columns.js';
import type { SecretResult } from './commands/profiles.js';
import type { RunningSimulator } from './commands/simulators.js';
import type { SyncSummary } from './commands/sync.js';

const jobStates = jobResultSchema.shape.state;

export const syncSummarySchema = z.object({
  jobId: z.string().describe('The job, as `seatwise jobs` lists it (its `id`)'),
  profileId: z.string(),
  profileName: z.string(),
  state: jobStates,
  profile: z.string().describe('Alias of profileName'),
  status: jobStates.describe('Alias of state'),
  seats: z.number().int().describe('Paid seats: held and billed'),
  freeSeats: z.number().int(),
  deactivatedSeats: z.number().int(),
  subscriptions: z.number().int(),
  activityAvailable: z.boolean().nullable(),
  candidates: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  requests: z.number().int(),
  reclaimed: z
    .array(reclaimedSeatSchema.extend({ outcome: reclaimedSeatSchema.shape.status.describe('Alias of status, the name reclaim --json uses') }))
    .describe('Every vendor write the sync made (automatic reclaim); empty when none'),
  error: z.string().nullable(),
});

/** The export row of `candidates --format json` (and `--json`): the same columns as CSV and XLSX. */
export const exportRowSchema = z.object({
  id: z.string(),
  profile: z.string().describe("The profile's name (the export's column header)"),
  vendor: z.string(),
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  licenseType: z.string(),
  lastActivityAt: z.string().nullable(),
  daysInactive: z.number(),
  rule: z.string().describe("The rule's name"),
  thresholdDays: z.number(),
  status: z.string(),
  monthlyCost: z.number().nullable(),
  currency: z.string().nullable(),
  reason: z.enum(['inactive', 'leaver']).describe('"leaver" when the directory says the person left, whatever their activity'),
  activitySource: z.enum(['vendor', 'sso']).nullable().describe('Where the last activity came from; null when none was read'),
  orphan: z.boolean().nullable().describe('No directory source knows the email; null without a directory'),
  monthlySaving: z.number().nullable().describe("What reclaiming it by its rule's action saves a month: a downgrade only the price difference; null when unknown"),
  downgradeTo: z.string().nullable().describe('Under a rule that downgrades: the tier the seat moves to'),
});

/** A person as `directory list --json` prints them: absent dates are null. */
export const directoryListRowSchema = z.object({
  email: z.string(),
  name: z.string(),
  status: z.enum(['active', 'suspended', 'deprovisioned']),
  lastLoginAt: z.string().nullable(),
  source: z.string().describe('The source whose word sets the status'),
  sources: z.array(z.string()).describe('Every source that lists the person'),
  endDate: z.string().nullable().describe("An HR roster's last day of employment"),
  leftAt: z.string().nullable().describe('For a suspended or deprovisioned person: since when'),
});

export const secretResultSchema = z.object({
  profileId: z.string(),
  profileName: z.string(),
  kind: z.enum(['token', 'clientSecret', 'apiKey']),
  replaced: z.boolean().describe('False when the vendor refused the new secret and the previous one was kept'),
  validation: validationResultSchema.optional(),
});

export const simulatorSchema = z.object({
  vendor: z.enum(['asana', 'salesforce', 'calendly', 'custom']),
  name: z.string(),
  url: z.string(),
  auth: z.enum(['token', 'client-credentials']),
  clientId: z.string().optional(),
  tokenUrl: z.string().optional(),
  secret: z.string(),
  add: z.string().describe('The profiles add command that connects to it'),
});

/** reclaim --json when nothing is left to reclaim: the skipped seats carry what the plan knew of them. */
const reclaimNothingSchema = reclaimResultSchema.extend({
  outcomes: z.array(reclaimOutcomeSchema.partial({ userId: true, name: true, licenseType: true }).extend({ reason: z.string().optional() })),
});

export const migrateResultSchema = z.object({
  database: z.string().describe('The URL, its password shown as ***'),
  schemaVersion: z.number().int(),
  applied: z.array(z.number().int()).describe('Schema versions this run applied; empty when already current'),
  appRole: z.string().nullable(),
});

export const importResultSchema = z.object({
  database: z.string().describe('The URL, its password shown as ***'),
  profiles: z.number().int(),
  subscriptions: z.number().int(),
  candidates: z.number().int(),
  jobs: z.number().int(),
  directorySources: z.number().int(),
  auditEvents: z.number().int(),
});

export const rotateResultSchema = z.object({
  keyId: z.string().describe('The current key: every credential is sealed with it now'),
  resealed: z.number().int(),
  alreadyCurrent: z.number().int(),
});

export const errorSchema = z.object({
  error: z.object({
    code: z.string().describe('"usage" for a mistake in the command line (exit 2); the service\'s code otherwise (exit 1)'),
    message: z.string(),
  }),
});

export interface JsonShape {
  /** The command line, as in the usage. */
  command: string;
  schema: z.ZodType;
  note?: string;
}

const out = <M extends keyof typeof methods>(m: M): z.ZodType => methods[m].output;

export const JSON_SHAPES: JsonShape[] = [
  { command: 'profiles list --json', schema: z.array(profileSummarySchema) },
  { command: 'profiles show NAME --json', schema: profileDetailSchema },
  { command: 'profiles add ... --json', schema: profileDetailSchema },
  { command: 'profiles set NAME ... --json', schema: profileDetailSchema },
  { command: 'profiles secret NAME --json', schema: secretResultSchema },
  { command: 'profiles validate NAME --json', schema: validationResultSchema },
  { command: 'profiles publish NAME --json', schema: syncSummarySchema, note: 'The first sync, which the publish starts.' },
  { command: 'profiles add --vendor csv ... --json', schema: syncSummarySchema, note: 'A CSV app: the first import, which publishes the profile.' },
  { command: 'profiles import NAME --file F --json', schema: syncSummarySchema, note: "A CSV app's import: its sync." },
  { command: 'sync NAME --json', schema: syncSummarySchema },
  { command: 'sync --all --json', schema: z.array(syncSummarySchema), note: 'One summary per published profile.' },
  { command: 'candidates [PROFILE|--all] --json', schema: z.array(exportRowSchema), note: 'The same rows as --format json, and as the CSV and XLSX columns.' },
  { command: 'candidates approve ID... --json', schema: out('candidates:setStatus') },
  { command: 'candidates reject ID... --json', schema: out('candidates:setStatus') },
  { command: 'candidates mark-reclaimed ID... --json', schema: out('candidates:markReclaimed') },
  { command: 'rules list --json', schema: z.array(ruleSchema) },
  { command: 'rules set RULE_ID ... --json', schema: ruleSchema },
  { command: 'exclusions list --json', schema: z.array(exclusionSchema) },
  { command: 'exclusions add ... --json', schema: exclusionSchema },
  { command: 'entitlements list --json', schema: z.array(entitlementViewSchema) },
  { command: 'entitlements set ... --json', schema: entitlementViewSchema },
  { command: 'entitlements remove ... --json', schema: okOutput.extend({ profileId: z.string(), profileName: z.string(), licenseType: z.string() }) },
  { command: 'reconciliation [PROFILE] --json', schema: reconciliationSchema },
  { command: 'notices [PROFILE|--all] --json', schema: z.array(noticeSchema) },
  { command: 'reclaim PROFILE ... --dry-run --json', schema: reclaimPlanSchema },
  { command: 'reclaim PROFILE ... --yes --json', schema: z.union([reclaimResultSchema, reclaimNothingSchema]) },
  { command: 'reclaim PROFILE ... --yes --out TASKS.csv --json', schema: out('reclaim:taskList'), note: 'An app with no API: the task list written; nothing is reclaimed yet.' },
  { command: 'undo AUDIT_ID --json', schema: out('reclaim:undo') },
  { command: 'jobs [PROFILE] --json', schema: z.array(jobResultSchema) },
  { command: 'audit --json', schema: z.array(auditEventSchema), note: 'Newest first; --format json writes the same events.' },
  { command: 'schedule PROFILE --json', schema: scheduleViewSchema },
  { command: 'simulators --json', schema: z.array(simulatorSchema) },
  {
    command: 'directory list --json',
    schema: z.array(directoryListRowSchema),
    note: 'Everyone the directory sources know, merged by email (case-insensitive).',
  },
  { command: 'directory import --file F --json', schema: directorySourceSchema },
  { command: 'directory sources --json', schema: z.array(directorySourceSchema) },
  { command: 'directory apps IDP_PROFILE --json', schema: out('directory:apps') },
  { command: 'profiles link NAME ... --json', schema: profileDetailSchema },
  { command: 'profiles unlink NAME --json', schema: profileDetailSchema },
  { command: 'migrate --database URL --json', schema: migrateResultSchema },
  { command: 'secrets rotate --database URL --json', schema: rotateResultSchema },
  { command: 'import --from-data-dir DIR --database URL --json', schema: importResultSchema, note: 'Credentials are not in the data folder and do not move.' },
];

/**
 * The JSON Schema of one shape, as the docs page shows it. Objects stay open (no
 * `additionalProperties: false`): fields are added over time, and a reader must allow that.
 */
export function jsonSchemaOf(schema: z.ZodType): unknown {
  const open = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(open);
    if (!node || typeof node !== 'object') return node;
    return Object.fromEntries(Object.entries(node).filter(([k, v]) => !(k === 'additionalProperties' && v === false) && k !== '$schema').map(([k, v]) => [k, open(v)]));
  };
  return open(z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }));
}

/** Indented JSON with short lists of plain values (enums, required names) on one line. */
function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\[\n\s*((?:(?:"[^"\n]*"|-?[\d.]+|true|false|null),\n\s*)*(?:"[^"\n]*"|-?[\d.]+|true|false|null))\n\s*\]/g, (_m, items: string) => {
    const line = `[${items.split(/,\n\s*/).join(', ')}]`;
    return line.length <= 100 ? line : _m;
  });
}

/** docs/cli-json.md. */
export function jsonShapesMarkdown(): string {
  const parts = [
    '# The JSON the command line prints',
    '',
    '<!-- Generated from main/cli/json-shapes.ts by `npm run docs:cli-json`; the tests fail when it is out of date. -->',
    '',
    'Every command that lists or changes something takes `--json` and then prints one JSON value on',
    'standard output. These are a public interface: fields are added, never renamed or removed, so',
    'read them allowing fields you do not know. Each shape below is a JSON Schema (draft 2020-12).',
    '',
    '## One convention',
    '',
    '- Names are the contract\'s (`preload/contract/*.ts`), in camelCase, the same in every command:',
    '  a profile is `profileId` and `profileName`, a job\'s progress is `state`, a candidate\'s is `status`,',
    '  the result of reclaiming one seat is `outcome`.',
    '- Times are ISO 8601 in UTC (`2026-03-01T06:00:00.000Z`); days are `YYYY-MM-DD`.',
    '- Money is a number with its `currency` (ISO 4217) beside it; `null` when no entitlement prices it.',
    '- Older names kept as aliases, with the same values: in `sync --json` and `profiles publish --json`,',
    '  `profile` (= `profileName`) and `status` (= `state`); in their `reclaimed` entries, `status` (= `outcome`).',
    '- Exports keep their columns: `candidates --format json` rows (and `--json`) name the profile `profile`,',
    '  as the CSV and XLSX headers do.',
    '',
    '## Errors',
    '',
    'With `--json`, an error is JSON too, on standard error, and the exit code stays what it is',
    '(1 failure, 2 usage error):',
    '',
    '```json',
    pretty(jsonSchemaOf(errorSchema)),
    '```',
    '',
    '## Per command',
    '',
  ];
  for (const shape of JSON_SHAPES) {
    parts.push(`### \`seatwise ${shape.command}\``, '');
    if (shape.note) parts.push(shape.note, '');
    parts.push('```json', pretty(jsonSchemaOf(shape.schema)), '```', '');
  }
  return parts.join('\n');
}

// The CLI's own shapes and the types its commands print, kept equal by the compiler.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const check = <T extends true>(): T => true as T;
check<Same<z.infer<typeof syncSummarySchema>['state'], SyncSummary['state']>>();
check<Same<keyof z.infer<typeof syncSummarySchema>, keyof SyncSummary>>();
check<Same<keyof z.infer<typeof exportRowSchema>, keyof ExportRow>>();
check<Same<keyof z.infer<typeof secretResultSchema>, keyof SecretResult>>();
check<Same<keyof z.infer<typeof simulatorSchema>, Exclude<keyof RunningSimulator, 'close'>>>();
