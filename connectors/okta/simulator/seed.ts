/**
 * A simulated Okta org, reproducible from (seed, users, now): users in every lifecycle status
 * with Okta's timestamps (created, activated, statusChanged, lastLogin), a few whose login
 * kept an old domain while their email moved, apps (one inactive) with assignments, and a
 * System Log of SSO sign-ins (some denied) and Okta sign-ins. Tests recompute what the
 * connector must see from this data, never from the connector.
 */
import { generatePeople, hashString, Rng, startOfUtcDay } from '../../simulator-kit/index.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** How far back the System Log's sign-ins go: beyond Okta's 90 days, so retention matters. */
const LOG_HISTORY_DAYS = 120;
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export const OKTA_STATUSES = ['STAGED', 'PROVISIONED', 'ACTIVE', 'RECOVERY', 'LOCKED_OUT', 'PASSWORD_EXPIRED', 'SUSPENDED', 'DEPROVISIONED'] as const;
export type OktaSeedStatus = (typeof OKTA_STATUSES)[number];

/** Share of users per status (the rest ACTIVE). */
const STATUS_SHARES: ReadonlyArray<[OktaSeedStatus, number]> = [
  ['STAGED', 0.04],
  ['PROVISIONED', 0.04],
  ['RECOVERY', 0.02],
  ['LOCKED_OUT', 0.03],
  ['PASSWORD_EXPIRED', 0.03],
  ['SUSPENDED', 0.06],
  ['DEPROVISIONED', 0.08],
];

export type OktaUserNameFormat = 'email' | 'login';

export interface OktaSeedAppSpec {
  label: string;
  /** Okta's app name (the integration's key), e.g. "asana". */
  name: string;
  status?: 'ACTIVE' | 'INACTIVE';
  signOnMode?: string;
  /** The app username Okta sends: the user's email, or their Okta login. */
  userNameFormat?: OktaUserNameFormat;
  /** Share of users assigned to the app. */
  assignedFraction?: number;
}

export const DEFAULT_OKTA_APPS: readonly OktaSeedAppSpec[] = [
  { label: 'Asana', name: 'asana', signOnMode: 'SAML_2_0', userNameFormat: 'email', assignedFraction: 0.6 },
  { label: 'Salesforce.com', name: 'salesforce', signOnMode: 'SAML_2_0', userNameFormat: 'email', assignedFraction: 0.4 },
  { label: 'Zoom', name: 'zoomus', signOnMode: 'SAML_2_0', userNameFormat: 'email', assignedFraction: 0.7 },
  { label: 'Slack', name: 'slack', signOnMode: 'SAML_2_0', userNameFormat: 'login', assignedFraction: 0.8 },
  { label: 'Legacy Wiki', name: 'legacy_wiki', status: 'INACTIVE', signOnMode: 'BOOKMARK', userNameFormat: 'email', assignedFraction: 0.3 },
];

export interface OktaSeedOptions {
  seed?: number;
  /** Users drawn, the admin behind the API token included. */
  users?: number;
  /** Reference instant; default the start of the current UTC day. */
  now?: Date;
  domain?: string;
  /** Share of users whose login kept an old domain while their email moved. */
  renamedLoginFraction?: number;
  /** Active users who never signed in although activated. */
  neverSignedInFraction?: number;
  apps?: readonly OktaSeedAppSpec[];
}

export interface OktaSeedUser {
  id: string;
  status: OktaSeedStatus;
  created: string;
  activated: string | null;
  statusChanged: string | null;
  lastLogin: string | null;
  lastUpdated: string;
  passwordChanged: string | null;
  profile: { firstName: string; lastName: string; email: string; login: string };
}

export interface OktaSeedApp {
  id: string;
  name: string;
  label: string;
  status: 'ACTIVE' | 'INACTIVE';
  signOnMode: string;
  created: string;
  userNameFormat: OktaUserNameFormat;
}

export interface OktaSeedAssignment {
  /** The Okta user's id (an app user's `id`). */
  userId: string;
  userName: string;
  email: string;
  scope: 'USER' | 'GROUP';
  created: string;
}

export interface OktaLogEntity {
  id: string;
  type: string;
  alternateId: string;
  displayName: string;
}

export interface OktaSeedEvent {
  uuid: string;
  published: string;
  eventType: string;
  displayMessage: string;
  actor: OktaLogEntity;
  target: OktaLogEntity[];
  outcome: { result: string; reason: string | null };
}

export interface OktaOrg {
  now: string;
  domain: string;
  /** The admin who created the API token: GET /api/v1/users/me answers with them. */
  adminId: string;
  /** In id order, as Okta lists them. */
  users: OktaSeedUser[];
  apps: OktaSeedApp[];
  /** App id -> its assignments, in user id order. Deactivated users have none. */
  assignments: Map<string, OktaSeedAssignment[]>;
  /** In `published` order. */
  events: OktaSeedEvent[];
}

export const SSO_EVENT = 'user.authentication.sso';
export const SESSION_START_EVENT = 'user.session.start';

/** Okta writes instants with milliseconds: 2024-08-13T15:58:20.353Z. */
export function oktaTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** Okta ids: a three-character type prefix and 17 letters or digits (00u users, 0oa apps, 0ua app users). */
export function oktaId(prefix: string, rng: Rng): string {
  let id = prefix;
  for (let i = 0; i < 17; i++) id += ID_ALPHABET[rng.int(0, ID_ALPHABET.length - 1)];
  return id;
}

export function eventUuid(rng: Rng): string {
  const hex = (n: number): string => Array.from({ length: n }, () => rng.int(0, 15).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-11ef-${hex(4)}-${hex(12)}`;
}

function between(rng: Rng, from: number, to: number): number {
  return to <= from ? from : rng.dateBetween(new Date(from), new Date(to)).getTime();
}

function drawStatus(rng: Rng): OktaSeedStatus {
  let roll = rng.next();
  for (const [status, share] of STATUS_SHARES) {
    if (roll < share) return status;
    roll -= share;
  }
  return 'ACTIVE';
}

function drawUser(person: ReturnType<typeof generatePeople>[number], index: number, rng: Rng, now: number, options: Required<Pick<OktaSeedOptions, 'renamedLoginFraction' | 'neverSignedInFraction'>>, domain: string): OktaSeedUser {
  // The first person is the admin behind the API token: active, and signed in recently.
  const status = index === 0 ? 'ACTIVE' : drawStatus(rng);
  const created = Date.parse(person.createdAt);
  const activated = status === 'STAGED' ? null : created + rng.int(1, 120) * 60_000;
  let statusChanged: number | null = activated;
  let lastLogin: number | null = null;
  const joiner = status === 'STAGED' || status === 'PROVISIONED';
  const signedIn = !joiner && (index === 0 || !rng.chance(options.neverSignedInFraction));
  const start = activated ?? created;
  if (status === 'SUSPENDED' || status === 'DEPROVISIONED') {
    statusChanged = between(rng, start, now);
    if (signedIn) lastLogin = between(rng, start, statusChanged);
  } else {
    if (signedIn) lastLogin = index === 0 ? now - rng.int(1, 48) * HOUR_MS : between(rng, start, now);
    if (status !== 'ACTIVE' && !joiner) statusChanged = between(rng, lastLogin ?? start, now);
  }
  const local = person.email.split('@')[0] ?? `user${index}`;
  const login = rng.chance(options.renamedLoginFraction) && index !== 0 ? `${local}@legacy.${domain}` : person.email;
  const lastUpdated = Math.max(created, statusChanged ?? created, lastLogin ?? created);
  return {
    id: '',
    status,
    created: oktaTime(created),
    activated: activated === null ? null : oktaTime(activated),
    statusChanged: statusChanged === null ? null : oktaTime(statusChanged),
    lastLogin: lastLogin === null ? null : oktaTime(lastLogin),
    lastUpdated: oktaTime(lastUpdated),
    passwordChanged: activated === null ? null : oktaTime(activated),
    profile: { firstName: person.givenName, lastName: person.familyName, email: person.email, login },
  };
}

export function seedOktaOrg(options: OktaSeedOptions = {}): OktaOrg {
  const seed = options.seed ?? 1;
  const now = (options.now ?? startOfUtcDay()).getTime();
  const domain = options.domain ?? 'example.com';
  const rng = new Rng(seed);
  const people = generatePeople({ seed, count: options.users ?? 300, now: new Date(now), domain });
  const statusRng = rng.fork('okta:users');
  const idRng = rng.fork('okta:ids');
  const drawn = people.map((p, i) =>
    drawUser(p, i, statusRng, now, { renamedLoginFraction: options.renamedLoginFraction ?? 0.05, neverSignedInFraction: options.neverSignedInFraction ?? 0.08 }, domain),
  );
  const usedIds = new Set<string>();
  for (const u of drawn) {
    let id = oktaId('00u', idRng);
    while (usedIds.has(id)) id = oktaId('00u', idRng);
    usedIds.add(id);
    u.id = id;
  }
  const adminId = (drawn[0] as OktaSeedUser).id;
  const users = [...drawn].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const appRng = rng.fork('okta:apps');
  const apps: OktaSeedApp[] = (options.apps ?? DEFAULT_OKTA_APPS).map((spec) => ({
    id: oktaId('0oa', appRng),
    name: spec.name,
    label: spec.label,
    status: spec.status ?? 'ACTIVE',
    signOnMode: spec.signOnMode ?? 'SAML_2_0',
    created: oktaTime(now - 3 * 365 * DAY_MS),
    userNameFormat: spec.userNameFormat ?? 'email',
  }));

  const assignRng = rng.fork('okta:assignments');
  const eventRng = rng.fork('okta:events');
  const assignments = new Map<string, OktaSeedAssignment[]>(apps.map((a) => [a.id, []]));
  const events: OktaSeedEvent[] = [];
  const logStart = now - LOG_HISTORY_DAYS * DAY_MS;
  const specs = options.apps ?? DEFAULT_OKTA_APPS;
  for (const u of users) {
    const name = `${u.profile.firstName} ${u.profile.lastName}`;
    const actor: OktaLogEntity = { id: u.id, type: 'User', alternateId: u.profile.login, displayName: name };
    if (u.lastLogin) {
      events.push({
        uuid: eventUuid(eventRng),
        published: u.lastLogin,
        eventType: SESSION_START_EVENT,
        displayMessage: 'User login to Okta',
        actor,
        target: [],
        outcome: { result: 'SUCCESS', reason: null },
      });
    }
    apps.forEach((app, i) => {
      if (!assignRng.chance(specs[i]?.assignedFraction ?? 0.5) || u.status === 'STAGED') return;
      const userName = app.userNameFormat === 'login' ? u.profile.login : u.profile.email;
      // Deactivating a user removes their app assignments; their past sign-ins stay in the log.
      if (u.status !== 'DEPROVISIONED') {
        (assignments.get(app.id) as OktaSeedAssignment[]).push({
          userId: u.id,
          userName,
          email: u.profile.email,
          scope: assignRng.chance(0.5) ? 'GROUP' : 'USER',
          created: u.activated ?? u.created,
        });
      }
      if (!u.lastLogin || app.status !== 'ACTIVE') return;
      // SSO rides on an Okta session: app sign-ins happen up to the last Okta sign-in's session.
      const end = Math.min(now, Date.parse(u.lastLogin) + 8 * HOUR_MS);
      const from = Math.max(logStart, Date.parse(u.activated ?? u.created));
      const count = eventRng.int(0, 3);
      for (let k = 0; k < count && from < end; k++) {
        const denied = eventRng.chance(0.1);
        events.push({
          uuid: eventUuid(eventRng),
          published: oktaTime(between(eventRng, from, end)),
          eventType: SSO_EVENT,
          displayMessage: 'User single sign on to app',
          actor,
          target: [
            { id: app.id, type: 'AppInstance', alternateId: app.label, displayName: app.label },
            { id: oktaId('0ua', new Rng(hashString(`${app.id}:${u.id}`))), type: 'AppUser', alternateId: userName, displayName: name },
          ],
          outcome: denied ? { result: 'FAILURE', reason: 'Sign-on policy evaluation resulted in DENY' } : { result: 'SUCCESS', reason: null },
        });
      }
    });
  }
  events.sort((a, b) => Date.parse(a.published) - Date.parse(b.published));
  return { now: oktaTime(now), domain, adminId, users, apps, assignments, events };
}
