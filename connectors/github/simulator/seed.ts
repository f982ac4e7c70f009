/**
 * A simulated GitHub organization with Copilot Business or Enterprise, reproducible from
 * (seed, members, now): members with GitHub logins (a few making their email public), the
 * owner and other owners, Copilot seats assigned directly or through teams, seats pending
 * cancellation at the next billing cycle, last activity and last authentication (or neither,
 * as GitHub shows when IDE telemetry is off), and optional "margin" seats active exactly N days
 * ago for threshold tests. Tests recompute the expected seats from this data, never from the
 * connector.
 */
import { generatePeople, Rng, startOfUtcDay } from '../../simulator-kit/index.js';

const DAY_MS = 86_400_000;
/** How far back a drawn last activity goes. */
const ACTIVITY_HISTORY_DAYS = 400;

export type GithubPlanType = 'business' | 'enterprise';
export type SeatManagementSetting = 'assign_all' | 'assign_selected' | 'disabled' | 'unconfigured';

export interface GithubSeedOptions {
  seed?: number;
  /** Organization members drawn, the owner included (margin members come on top). */
  members?: number;
  /** Reference instant; default the start of the current UTC day. */
  now?: Date;
  /** The domain of the members' (directory) email addresses. */
  domain?: string;
  /** The organization's login; drawn from the seed when absent. */
  org?: string;
  orgName?: string;
  planType?: GithubPlanType;
  seatManagementSetting?: SeatManagementSetting;
  /** Share of members holding a Copilot seat (the owner always does). */
  seatFraction?: number;
  /** Share of seats GitHub assigned through a team. */
  teamFraction?: number;
  /** Share of seats already pending cancellation (long inactive, so they would be candidates otherwise). */
  pendingFraction?: number;
  /** Share of members whose email GitHub shows (their public email). */
  publicEmailFraction?: number;
  /** Share of seats with neither last_activity_at nor last_authenticated_at. */
  noActivityFraction?: number;
  /** Share of seats with only last_authenticated_at. */
  authOnlyFraction?: number;
  /** Seats with last_activity_at exactly this many days before `now` (authentication 3 days earlier). */
  marginDays?: number[];
  /** Seats with last_authenticated_at exactly this many days before `now` (activity 300 days ago). */
  authMarginDays?: number[];
  /** Logins of owners from elsewhere (another organization's owner) who hold no seat here. */
  extraOwners?: SeedUser[];
}

export interface SeedUser {
  login: string;
  id: number;
  name: string;
  email: string;
}

export interface GithubSeedTeam {
  id: number;
  slug: string;
  name: string;
}

export interface GithubSeedSeat {
  /** When the seat was (last) granted: created_at. */
  createdAt: string;
  lastActivityAt?: string;
  lastActivityEditor?: string;
  lastAuthenticatedAt?: string;
  /** YYYY-MM-DD: the first day of the next billing cycle. */
  pendingCancellationDate?: string;
  planType: GithubPlanType;
  /** The team GitHub assigned the seat through. */
  teamSlug?: string;
}

export interface GithubSeedMember extends SeedUser {
  role: 'admin' | 'member';
  /** Whether GitHub shows the email (and the name) on the seat's assignee. */
  publicEmail: boolean;
  seat?: GithubSeedSeat;
  /** Margin members carry their margin in days. */
  marginDays?: number;
  authMarginDays?: number;
}

export interface GithubOrg {
  login: string;
  id: number;
  name: string;
  now: string;
  planType: GithubPlanType;
  seatManagementSetting: SeatManagementSetting;
  /** YYYY-MM-DD: when the current billing cycle ends (the next starts): a cancellation's date. */
  nextCycleStart: string;
  /** YYYY-MM-DD: when the current billing cycle began. */
  cycleStart: string;
  teams: GithubSeedTeam[];
  /** Member 0 is the owner whose token tests use; every seat holder is a member. */
  members: GithubSeedMember[];
  extraOwners: SeedUser[];
}

const EDITORS = ['vscode/1.96.2/copilot/1.254.0', 'JetBrains-IU/243.22562/copilot-intellij/1.5.30', 'copilot-chat/0.23.2', 'vim/9.1/copilot.vim/1.41.0', 'github.com'];
const TEAMS = [
  { slug: 'engineering', name: 'Engineering' },
  { slug: 'data-science', name: 'Data Science' },
  { slug: 'contractors', name: 'Contractors' },
];

/**
 * GitHub writes instants with an offset in its examples ("2021-10-14T00:53:32-06:00") and with
 * "Z" elsewhere; the seed uses both, to the second.
 */
export function githubTime(ms: number, offsetMinutes = 0): string {
  const whole = Math.floor(ms / 1000) * 1000;
  if (offsetMinutes === 0) return new Date(whole).toISOString().replace('.000Z', 'Z');
  const local = new Date(whole + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** GitHub logins: letters, digits and single hyphens, not at either end. */
function loginFrom(email: string, rng: Rng, used: Set<string>): string {
  const local = email.split('@')[0] ?? 'user';
  const parts = local.split(/[^a-z0-9]+/).filter(Boolean);
  const base = rng.chance(0.6) ? parts.join('-') : `${(parts[0] ?? 'u').slice(0, 1)}${parts.slice(1).join('') || parts[0] || 'user'}${rng.int(1, 99)}`;
  let login = base.slice(0, 39) || 'user';
  let n = 2;
  while (used.has(login)) login = `${base.slice(0, 36)}${n++}`;
  used.add(login);
  return login;
}

export function seedGithubOrg(options: GithubSeedOptions = {}): GithubOrg {
  const seed = options.seed ?? 1;
  const count = Math.max(1, options.members ?? 200);
  const margins = options.marginDays ?? [];
  const authMargins = options.authMarginDays ?? [];
  const now = options.now ?? startOfUtcDay();
  const nowMs = now.getTime();
  const rng = new Rng(seed);
  const logins = rng.fork('github:logins');
  const roles = rng.fork('github:roles');
  const seats = rng.fork('github:seats');
  const dates = rng.fork('github:dates');
  const orgDraw = rng.fork('github:org');
  const login = options.org ?? `acme-${orgDraw.int(100, 999)}`;
  const baseId = orgDraw.int(1_000_000, 90_000_000);
  const planType = options.planType ?? 'business';
  const cycleStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const nextCycle = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
  const teams = TEAMS.map((t, i) => ({ id: baseId + 900_000 + i, ...t }));

  const extra = margins.length + authMargins.length;
  const people = generatePeople({ seed, count: count + extra, now, domain: options.domain ?? 'acme.example' });
  const used = new Set<string>((options.extraOwners ?? []).map((o) => o.login));
  const members = people.map((p, i): GithubSeedMember => {
    const owner = i === 0;
    const margin = i >= count && i < count + margins.length ? margins[i - count] : undefined;
    const authMargin = i >= count + margins.length ? authMargins[i - count - margins.length] : undefined;
    const special = owner || margin !== undefined || authMargin !== undefined;
    // Every draw happens for everyone, so one fraction changing does not reshuffle the others.
    const admin = roles.chance(0.04);
    const publicEmail = roles.chance(options.publicEmailFraction ?? 0.3);
    const hasSeat = seats.chance(options.seatFraction ?? 0.85);
    const viaTeam = seats.chance(options.teamFraction ?? 0.15);
    const pending = seats.chance(options.pendingFraction ?? 0.06);
    const noActivity = seats.chance(options.noActivityFraction ?? 0.08);
    const authOnly = seats.chance(options.authOnlyFraction ?? 0.05);
    const teamPick = seats.int(0, teams.length - 1);
    const editor = seats.pick(EDITORS);
    const offset = dates.chance(0.3) ? dates.pick([-360, -300, 60, 330]) : 0;
    const grantedDraw = dates.next();
    const activityDraw = dates.next();
    const authLag = dates.int(-20, 20);

    const member: GithubSeedMember = {
      login: loginFrom(p.email, logins, used),
      id: baseId + i + 1,
      name: p.name,
      email: p.email,
      role: owner || (admin && !special) ? 'admin' : 'member',
      publicEmail,
    };
    if (!special && !hasSeat) return member;

    const joined = Date.parse(p.createdAt);
    const isPending = !special && pending;
    // Pending seats were cancelled for a reason: granted long ago and long inactive, so only the
    // pending date keeps them from being candidates.
    const grantedMs = special
      ? nowMs - 2 * 365 * DAY_MS
      : isPending
        ? nowMs - Math.floor((200 + grantedDraw * 300) * DAY_MS)
        : joined + Math.floor(grantedDraw * (nowMs - joined));
    const seat: GithubSeedSeat = { createdAt: githubTime(grantedMs, offset), planType };
    if (margin !== undefined) {
      member.marginDays = margin;
      seat.lastActivityAt = githubTime(nowMs - margin * DAY_MS);
      seat.lastAuthenticatedAt = githubTime(nowMs - (margin + 3) * DAY_MS);
      seat.lastActivityEditor = editor;
    } else if (authMargin !== undefined) {
      member.authMarginDays = authMargin;
      seat.lastActivityAt = githubTime(nowMs - 300 * DAY_MS);
      seat.lastAuthenticatedAt = githubTime(nowMs - authMargin * DAY_MS);
      seat.lastActivityEditor = editor;
    } else if (owner || isPending || !noActivity) {
      const from = Math.max(grantedMs, nowMs - ACTIVITY_HISTORY_DAYS * DAY_MS);
      const to = isPending ? Math.max(from, nowMs - 120 * DAY_MS) : nowMs;
      const activityMs = from + Math.floor(activityDraw * (to - from));
      const authMs = Math.min(nowMs, Math.max(grantedMs, activityMs + authLag * DAY_MS));
      if (!authOnly || owner) {
        seat.lastActivityAt = githubTime(activityMs, offset);
        seat.lastActivityEditor = editor;
      }
      seat.lastAuthenticatedAt = githubTime(authMs, offset);
    }
    if (isPending) seat.pendingCancellationDate = isoDay(nextCycle);
    if (!special && viaTeam) seat.teamSlug = teams[teamPick]?.slug;
    member.seat = seat;
    return member;
  });

  return {
    login,
    id: baseId,
    name: options.orgName ?? `Acme ${login.slice(5)}`,
    now: now.toISOString(),
    planType,
    seatManagementSetting: options.seatManagementSetting ?? 'assign_selected',
    nextCycleStart: isoDay(nextCycle),
    cycleStart: isoDay(cycleStart),
    teams,
    members,
    extraOwners: [...(options.extraOwners ?? [])],
  };
}

/** A seat Seatwise should count as held: not pending cancellation. */
export function holdsSeat(m: GithubSeedMember): boolean {
  return m.seat !== undefined && m.seat.pendingCancellationDate === undefined;
}

/** The seat's last sign of use: the later of its two dates, in ms (NaN when neither). */
export function lastUseMs(seat: GithubSeedSeat): number {
  const a = seat.lastActivityAt ? Date.parse(seat.lastActivityAt) : NaN;
  const b = seat.lastAuthenticatedAt ? Date.parse(seat.lastAuthenticatedAt) : NaN;
  if (a !== a) return b;
  if (b !== b) return a;
  return Math.max(a, b);
}
