/**
 * Reclaim: the dry-run plan, the real run and undo.
 *
 * What must hold (issue 6, item 4): only approved candidates, or open candidates whose rule
 * reclaims without approval (once their notice period is over); only where the profile's
 * reclaim process is on; never the connected account or the owner (re-checked against the
 * snapshot now, not trusted from the candidate); idempotent (a reclaimed candidate is never
 * selected again); every call through the connector (its HTTP client owns the retry policy);
 * one outcome and one append-only audit event per seat; one seat failing fails only that seat.
 */
import type { SeatRecord, VendorCall } from '../../connectors/types.js';
import { connectorEntry } from '../../connectors/registry.js';
import type { ReclaimPlan, ReclaimResult } from '../../preload/contract.js';
import { AppError, conflict, invalid, notFound } from '../errors.js';
import type { AliasRecord, ProfileRecord, Snapshot } from '../store/schema.js';
import { openConnector, type LiveConnector } from '../sync/connection.js';
import { compileExclusions } from './exclusions.js';
import type { ReclamationDeps, ReclamationService } from './service.js';
import type { Candidate, ReclamationRule, SubscriptionRecord } from './types.js';

/** A real run with more seats than this must be confirmed by typing the count. */
export const CONFIRM_ABOVE = 10;

export interface ReclaimSelection {
  profileId: string;
  candidateIds?: string[];
  approved?: true;
}

interface Selected {
  candidate: Candidate;
  subscription: SubscriptionRecord;
  alias: AliasRecord;
}

interface Selection {
  profile: ProfileRecord;
  seats: Selected[];
  skipped: { candidateId: string; email: string; reason: string }[];
}

export interface ReclaimAuditRecord {
  candidateId: string;
  subscriptionId: string;
  orgId: string;
  userId: string;
  email: string;
  name: string;
  licenseType: string;
  reclaimRef?: string;
  call: VendorCall;
}

export function toSeat(s: SubscriptionRecord): SeatRecord {
  const seat: SeatRecord = { userId: s.userId, email: s.email, name: s.name, licenseType: s.licenseType, active: s.active, admin: s.admin, owner: s.owner, paid: s.paid };
  if (s.reclaimRef !== undefined) seat.reclaimRef = s.reclaimRef;
  if (s.startedAt !== undefined) seat.startedAt = s.startedAt;
  return seat;
}

export class ReclaimRunner {
  private readonly running = new Set<string>();

  constructor(
    private readonly deps: ReclamationDeps,
    private readonly service: ReclamationService,
  ) {}

  /** Why this candidate may be reclaimed now, or undefined when it may not. */
  private eligible(c: Candidate, rule: ReclamationRule | undefined, nowMs: number): string | undefined {
    if (c.status === 'reclaimed') return 'already reclaimed';
    if (c.status === 'approved') return undefined;
    if (c.status === 'open' && rule?.reclaimWithoutApproval) {
      if (rule.notifyUser && c.reclaimableAt && Date.parse(c.reclaimableAt) > nowMs) return `in its notice period until ${c.reclaimableAt.slice(0, 10)}`;
      return undefined;
    }
    return c.status === 'open' ? 'not approved' : `status is ${c.status}`;
  }

  private async select(input: ReclaimSelection): Promise<Selection> {
    const store = this.deps.store;
    const profile = this.service.requireProfile(input.profileId);
    if (!input.candidateIds?.length && input.approved !== true) throw invalid('Choose the candidates to reclaim, or all approved ones.');
    if (!profile.processes.reclaim.enabled) {
      throw new AppError('reclaim_disabled', `Reclaim is turned off for "${profile.name}": turn on its reclaim process first.`);
    }
    const entry = connectorEntry(profile.vendor);
    if (!entry?.descriptor.reclaimSupported) throw new AppError('unsupported', `Seatwise cannot reclaim ${profile.vendor} seats.`);
    const snapshot = await store.snapshot(profile.id);
    if (!snapshot) throw conflict(`"${profile.name}" has not been synced yet: there is nothing to reclaim.`);
    const file = await store.candidates(profile.id);
    const all = file?.candidates ?? [];
    const rules = new Map(store.root.rules.filter((r) => r.profileId === profile.id).map((r) => [r.id, r]));
    const nowMs = this.deps.now().getTime();
    const subs = new Map(snapshot.subscriptions.map((s) => [s.id, s]));
    const aliases = store.root.aliases.filter((a) => a.profileId === profile.id);
    const exclusions = compileExclusions(store.root.exclusions.filter((e) => !e.profileId || e.profileId === profile.id));
    const protectedUsers = protectedIds(snapshot, aliases);

    let chosen: Candidate[];
    const skipped: Selection['skipped'] = [];
    if (input.candidateIds?.length) {
      const byId = new Map(all.map((c) => [c.id, c]));
      chosen = [];
      for (const id of new Set(input.candidateIds)) {
        const c = byId.get(id);
        if (!c) skipped.push({ candidateId: id, email: '', reason: `no candidate ${id} in "${profile.name}"` });
        else chosen.push(c);
      }
    } else chosen = all;

    const seats: Selected[] = [];
    for (const c of chosen) {
      const notNow = this.eligible(c, rules.get(c.ruleId), nowMs);
      if (notNow) {
        if (input.candidateIds?.length) skipped.push({ candidateId: c.id, email: c.email, reason: notNow });
        continue;
      }
      const s = subs.get(c.subscriptionId) ?? snapshot.subscriptions.find((x) => x.orgId === c.orgId && x.userId === c.userId && x.licenseType === c.licenseType);
      const alias = aliases.find((a) => a.id === (s?.orgId ?? c.orgId));
      const reason = !s
        ? 'the seat is not in the last download'
        : !s.active
          ? 'the seat is no longer held'
          : s.owner
            ? 'the user is the organisation owner'
            : s.connectedAccount || protectedUsers.has(`${s.orgId}\u0000${s.userId}`)
              ? 'the user is the connected account'
              : !s.paid
                ? 'the seat is free'
                : exclusions.licenseType(s.licenseType) || exclusions.user(s.email, s.userId)
                  ? 'the seat is excluded'
                  : !alias
                    ? 'its connection no longer exists'
                    : undefined;
      if (reason || !s || !alias) skipped.push({ candidateId: c.id, email: c.email, reason: reason ?? 'unknown seat' });
      else seats.push({ candidate: c, subscription: s, alias });
    }
    return { profile, seats, skipped };
  }

  private connectorFor(alias: AliasRecord, cache: Map<string, LiveConnector>, signal: AbortSignal): LiveConnector {
    let live = cache.get(alias.id);
    if (!live) {
      live = openConnector({ alias, vault: this.deps.vault, signal, now: this.deps.now });
      cache.set(alias.id, live);
    }
    return live;
  }

  /** The dry run: the exact vendor calls a real run would make. Touches nothing. */
  async plan(input: ReclaimSelection): Promise<ReclaimPlan> {
    const { profile, seats, skipped } = await this.select(input);
    const cache = new Map<string, LiveConnector>();
    const signal = new AbortController().signal;
    const calls = seats.map(({ candidate: c, subscription: s, alias }) => ({
      candidateId: c.id,
      userId: c.userId,
      email: c.email,
      name: c.name,
      licenseType: c.licenseType,
      call: this.connectorFor(alias, cache, signal).connector.planReclaim(toSeat(s)),
    }));
    return { profileId: profile.id, profileName: profile.name, vendor: profile.vendor, calls, skipped, confirmAbove: CONFIRM_ABOVE };
  }

  /** `fromSync`: the sync pipeline's own last step, which runs once its candidates are written. */
  async run(input: ReclaimSelection & { confirmCount?: number; fromSync?: boolean }): Promise<ReclaimResult> {
    const store = this.deps.store;
    const profileId = this.service.requireProfile(input.profileId).id;
    if (this.running.has(profileId)) throw conflict('A reclaim is already running for this profile.');
    if (!input.fromSync && this.deps.isSyncing?.(profileId)) throw conflict('A sync of this profile is running: reclaim when it has finished.');
    this.running.add(profileId);
    try {
      const { profile, seats, skipped } = await this.select(input);
      if (seats.length > CONFIRM_ABOVE && input.confirmCount !== seats.length) {
        throw new AppError(
          'confirmation_required',
          `Reclaiming ${seats.length} seats needs confirmation: confirm the count ${seats.length}${input.confirmCount === undefined ? '' : ` (got ${input.confirmCount})`}.`,
        );
      }
      const result: ReclaimResult = { profileId: profile.id, reclaimed: 0, failed: 0, skipped: skipped.length, outcomes: [] };
      for (const s of skipped) result.outcomes.push({ candidateId: s.candidateId, userId: '', email: s.email, name: '', licenseType: '', outcome: 'skipped', message: s.reason });
      const cache = new Map<string, LiveConnector>();
      const signal = new AbortController().signal;
      const file = await store.candidates(profile.id);
      const snapshot = await store.snapshot(profile.id);
      if (!file || !snapshot) return result;
      for (const { candidate, subscription, alias } of seats) {
        const ref = { candidateId: candidate.id, userId: candidate.userId, email: candidate.email, name: candidate.name, licenseType: candidate.licenseType };
        const before = candidate.status;
        let call: VendorCall | undefined;
        let error: string | undefined;
        try {
          const live = this.connectorFor(alias, cache, signal);
          const seat = toSeat(subscription);
          call = live.connector.planReclaim(seat);
          await live.connector.reclaim(seat);
        } catch (e) {
          error = (e as Error).message || String(e);
        }
        // The candidate in the file (status carries over), and the seat in the snapshot.
        const target = file.candidates.find((c) => c.id === candidate.id) ?? candidate;
        const record: ReclaimAuditRecord = {
          candidateId: candidate.id,
          subscriptionId: subscription.id,
          orgId: subscription.orgId,
          userId: subscription.userId,
          email: subscription.email,
          name: subscription.name,
          licenseType: subscription.licenseType,
          call: call ?? { method: '', url: '' },
        };
        if (subscription.reclaimRef !== undefined) record.reclaimRef = subscription.reclaimRef;
        if (error === undefined) {
          target.status = 'reclaimed';
          const sub = snapshot.subscriptions.find((x) => x.id === subscription.id);
          if (sub) sub.active = false;
          const event = await store.audit.append({
            action: 'reclaim.seat',
            profileId: profile.id,
            target: `${candidate.id} ${candidate.email}`,
            before: { status: before, active: true },
            after: { status: 'reclaimed', active: false, ...record },
          });
          result.reclaimed += 1;
          result.outcomes.push({ ...ref, outcome: 'reclaimed', auditId: event.id });
        } else {
          target.status = 'failed';
          const event = await store.audit.append({
            action: 'reclaim.failed',
            profileId: profile.id,
            target: `${candidate.id} ${candidate.email}`,
            before: { status: before, active: true },
            after: { status: 'failed', ...record },
            message: error,
          });
          result.failed += 1;
          result.outcomes.push({ ...ref, outcome: 'failed', message: error, auditId: event.id });
        }
        // Saved after every seat: a crash half way never reclaims a seat twice.
        await store.saveCandidates(file);
      }
      if (seats.length > 0) {
        await store.commitSnapshot(snapshot);
        await this.service.refreshStats(profile.id);
        this.deps.events.emit('profiles:changed', { profileId: profile.id });
      }
      return result;
    } finally {
      this.running.delete(profileId);
    }
  }

  /** Re-adds or reactivates the seat of one `reclaim.seat` audit event; the candidate opens again. */
  async undo(auditId: string): Promise<{ candidateId: string; auditId: string; status: 'open' }> {
    const store = this.deps.store;
    const events = await store.audit.read();
    const event = events.find((e) => e.id === auditId);
    if (!event) throw notFound(`The audit event "${auditId}"`);
    if (event.action !== 'reclaim.seat') throw invalid(`Only a reclaimed seat can be undone; "${auditId}" is ${event.action}.`);
    if (events.some((e) => e.action === 'reclaim.undo' && (e.after as { undoOf?: string } | undefined)?.undoOf === auditId)) {
      throw conflict(`The reclaim ${auditId} has already been undone.`);
    }
    const record = event.after as ReclaimAuditRecord;
    const profile = this.service.requireProfile(event.profileId ?? '');
    const alias = store.root.aliases.find((a) => a.id === record.orgId && a.profileId === profile.id);
    if (!alias) throw conflict('The connection this seat was reclaimed through no longer exists.');
    const live = openConnector({ alias, vault: this.deps.vault, signal: new AbortController().signal, now: this.deps.now });
    if (!live.connector.undo) throw new AppError('unsupported', `${live.connector.descriptor.displayName} does not let Seatwise re-add a seat; re-add ${record.email} at the vendor.`);
    const snapshot = await store.snapshot(profile.id);
    const sub = snapshot?.subscriptions.find((s) => s.id === record.subscriptionId);
    const seat: SeatRecord = sub
      ? toSeat(sub)
      : { userId: record.userId, email: record.email, name: record.name, licenseType: record.licenseType, active: false, admin: false, owner: false, paid: true, reclaimRef: record.reclaimRef };
    const call = live.connector.planUndo?.(seat);
    await live.connector.undo(seat);
    const file = await store.candidates(profile.id);
    const candidate = file?.candidates.find((c) => c.id === record.candidateId);
    const before = candidate?.status;
    if (file && candidate) {
      candidate.status = 'open';
      await store.saveCandidates(file);
    }
    if (snapshot && sub) {
      sub.active = true;
      await store.commitSnapshot(snapshot);
    }
    const undone = await store.audit.append({
      action: 'reclaim.undo',
      profileId: profile.id,
      target: `${record.candidateId} ${record.email}`,
      before: { status: before ?? 'reclaimed', active: false },
      after: { status: 'open', active: true, undoOf: auditId, call },
    });
    await this.service.refreshStats(profile.id);
    this.deps.events.emit('profiles:changed', { profileId: profile.id });
    return { candidateId: record.candidateId, auditId: undone.id, status: 'open' };
  }
}

/** The connected accounts of every org of the profile: never reclaimed. */
function protectedIds(snapshot: Snapshot, aliases: AliasRecord[]): Set<string> {
  const out = new Set<string>();
  for (const o of snapshot.orgs) if (o.connectedUserId) out.add(`${o.aliasId}\u0000${o.connectedUserId}`);
  for (const a of aliases) if (a.connectedUserId) out.add(`${a.id}\u0000${a.connectedUserId}`);
  return out;
}
