/**
 * The playbook's pure parts: its steps, its form values, how they are checked, and how they
 * become the contract's inputs. No React, no calls: the store and the tests share these.
 */
import { secretKindFor } from '../../lib/vendors.js';
import type { GrantType, MethodInput, VendorDescriptorDto } from '../../types.js';
import { connectionOptionProblems, type ConnectionOptionRule } from '../../../../preload/contract/connection-option-check.js';

export const STEPS = ['register', 'details', 'connection', 'org', 'review'] as const;
export type StepId = (typeof STEPS)[number];

export const STEP_TITLES: Record<StepId, string> = {
  register: 'Register the app',
  details: 'Profile details',
  connection: 'Connection and credential',
  org: 'Additional org',
  review: 'Review and publish',
};

export const STEP_BLURBS: Record<StepId, string> = {
  register: 'At the vendor',
  details: 'Name and processes',
  connection: 'URL and sign-in',
  org: 'Optional',
  review: 'Validate, then publish',
};

export function isStep(value: unknown): value is StepId {
  return typeof value === 'string' && (STEPS as readonly string[]).includes(value);
}

export function nextStep(step: StepId): StepId | null {
  return STEPS[STEPS.indexOf(step) + 1] ?? null;
}

/** The longest look-back the analysis allows, and the default. */
export const MAX_LOOKBACK_DAYS = 60;
/** The loopback port the redirect URI is registered with; pinned so the URI never changes. */
export const DEFAULT_REDIRECT_PORT = 47_821;

/** Every non-secret value the playbook collects. Stored as the profile's playbook draft. */
export interface PlaybookValues {
  name: string;
  activityEnabled: boolean;
  /** "Analyze user activity from", YYYY-MM-DD. */
  activityFrom: string;
  reclaimEnabled: boolean;
  baseUrl: string;
  grantType: GrantType | '';
  clientId: string;
  /** Space-separated. */
  scopes: string;
  /** The vendor's connection options (GitHub's organization, Microsoft's tenant, ...), by key. */
  options: Record<string, string>;
  redirectPort: number;
}

export type FieldName = keyof PlaybookValues | 'secret' | 'orgLabel' | 'orgBaseUrl' | 'orgSecret' | `option:${string}`;
export type FieldErrors = Partial<Record<FieldName, string>>;

const DAY_MS = 86_400_000;

/** YYYY-MM-DD in local time. */
export function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function daysBefore(today: Date, days: number): string {
  return isoDay(new Date(today.getFullYear(), today.getMonth(), today.getDate() - days));
}

/** Whole days between a YYYY-MM-DD and today (local); null when it is not a date. */
export function daysSince(day: string, today: Date): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const then = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(then.getTime())) return null;
  const start = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((start.getTime() - then.getTime()) / DAY_MS);
}

export function initialValues(descriptor: VendorDescriptorDto, today = new Date()): PlaybookValues {
  return {
    name: '',
    activityEnabled: descriptor.activitySupported,
    activityFrom: daysBefore(today, MAX_LOOKBACK_DAYS),
    reclaimEnabled: descriptor.reclaimSupported,
    baseUrl: descriptor.defaults.baseUrl,
    grantType: descriptor.authMethods[0] ?? '',
    clientId: '',
    scopes: (descriptor.defaults.scopes ?? []).join(' '),
    options: {},
    redirectPort: DEFAULT_REDIRECT_PORT,
  };
}

/** Reads a stored draft back over the defaults, keeping only values of the right type. */
export function valuesFromDraft(defaults: PlaybookValues, draft: Record<string, unknown>): PlaybookValues {
  const next: PlaybookValues = { ...defaults };
  for (const key of Object.keys(defaults) as (keyof PlaybookValues)[]) {
    const value = draft[key];
    if (key === 'options' || value === undefined || typeof value !== typeof defaults[key]) continue;
    (next as unknown as Record<string, unknown>)[key] = value;
  }
  // Options: only strings; a draft from before options had the Asana workspace on its own.
  const options: Record<string, string> = { ...defaults.options };
  if (typeof draft.workspace === 'string' && draft.workspace !== '') options.workspace = draft.workspace;
  for (const [key, value] of Object.entries(draft)) if (key.startsWith(OPTION_PREFIX) && typeof value === 'string') options[key.slice(OPTION_PREFIX.length)] = value;
  next.options = options;
  return next;
}

/** The draft sent with playbook:save: the values, never the secret. */
export function draftOf(values: PlaybookValues): Record<string, string | number | boolean> {
  const { options, ...rest } = values;
  // The draft is flat: each connection option is a value of its own.
  return { ...rest, ...Object.fromEntries(Object.entries(options).map(([key, value]) => [`${OPTION_PREFIX}${key}`, value])) };
}

const OPTION_PREFIX = 'option.';

export function usesOAuthClient(grant: GrantType | ''): boolean {
  return grant === 'client_credentials' || grant === 'authorization_code';
}

export function secretNeeded(grant: GrantType | ''): boolean {
  return grant === 'token' || grant === 'api_key' || grant === 'client_credentials';
}

export function lookbackDays(values: PlaybookValues, today = new Date()): number {
  const days = daysSince(values.activityFrom, today);
  if (days === null) return MAX_LOOKBACK_DAYS;
  return Math.min(MAX_LOOKBACK_DAYS, Math.max(1, days));
}

export function validateDetails(values: PlaybookValues, today = new Date()): FieldErrors {
  const errors: FieldErrors = {};
  const name = values.name.trim();
  if (name === '') errors.name = 'Give the integration a name, for example “Asana – Marketing”.';
  else if (name.length > 120) errors.name = `Keep the name to 120 characters (it has ${name.length}).`;
  if (values.activityEnabled) {
    const days = daysSince(values.activityFrom, today);
    if (days === null) errors.activityFrom = 'Choose the day to analyze activity from.';
    else if (days > MAX_LOOKBACK_DAYS) errors.activityFrom = `Seatwise looks back at most ${MAX_LOOKBACK_DAYS} days: choose ${daysBefore(today, MAX_LOOKBACK_DAYS)} or later.`;
    else if (days < 1) errors.activityFrom = 'Choose a day before today.';
  }
  return errors;
}

export function validateConnection(
  values: PlaybookValues,
  context: { vendor: string; authMethods: readonly GrantType[]; secret: string; secretStored: boolean; connectionOptions?: readonly ConnectionOptionRule[] },
): FieldErrors {
  const errors: FieldErrors = {};
  const url = values.baseUrl.trim();
  if (url === '') errors.baseUrl = 'Enter the connection URL.';
  else {
    const parsed = parseUrl(url);
    if (!parsed) errors.baseUrl = 'This is not a URL Seatwise can use. It should look like https://app.example.com/api.';
    else if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') errors.baseUrl = 'The connection URL must start with https:// (or http:// for a local test server).';
    else if (url.length > 2000) errors.baseUrl = 'The URL is too long (2,000 characters at most).';
  }
  if (values.grantType === '') errors.grantType = 'Choose how Seatwise signs in.';
  else if (!context.authMethods.includes(values.grantType)) errors.grantType = 'This application does not support that sign-in method.';
  if (usesOAuthClient(values.grantType) && values.clientId.trim() === '') errors.clientId = 'Enter the client ID from the app you registered at the vendor.';
  if (secretNeeded(values.grantType) && !context.secretStored && context.secret.trim() === '') {
    errors.secret =
      values.grantType === 'token'
        ? 'Paste the access token Seatwise should use.'
        : values.grantType === 'api_key'
          ? 'Paste the API key Seatwise should use.'
          : 'Paste the client secret of the app you registered.';
  }
  for (const problem of connectionOptionProblems(context.connectionOptions, values.options, values.grantType || undefined)) errors[`option:${problem.key}`] = problem.message;
  return errors;
}

export function processesOf(values: PlaybookValues, today = new Date()): MethodInput<'profiles:create'>['processes'] {
  return {
    activity: { enabled: values.activityEnabled, lookbackDays: lookbackDays(values, today) },
    reclaim: { enabled: values.reclaimEnabled },
  };
}

export function connectionOf(values: PlaybookValues, descriptor: VendorDescriptorDto): MethodInput<'profiles:create'>['connection'] {
  const grantType = values.grantType || descriptor.authMethods[0] || 'token';
  const oauth = usesOAuthClient(grantType);
  const options: Record<string, string> = {};
  for (const spec of descriptor.connectionOptions ?? []) {
    const value = values.options[spec.key]?.trim() ?? '';
    if (value !== '') options[spec.key] = value;
  }
  const scopes = values.scopes.split(/[\s,]+/).filter(Boolean);
  // OAuth endpoints are left to main: it fills the vendor's defaults (some are templates on the URL).
  return {
    baseUrl: values.baseUrl.trim(),
    grantType,
    ...(oauth && values.clientId.trim() ? { clientId: values.clientId.trim() } : {}),
    ...(oauth && scopes.length ? { scopes } : {}),
    ...(grantType === 'authorization_code' ? { redirectPort: values.redirectPort } : {}),
    ...(Object.keys(options).length > 0 ? { options } : {}),
  };
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

export function redirectUri(port: number): string {
  return `http://127.0.0.1:${port}/callback`;
}

export { secretKindFor };
