/**
 * Reclaim: the dry-run plan, the real run and undo.
 *
 * What must hold: only approved candidates, or open candidates whose rule reclaims without
 * approval; never before the date written in the person's notice (unless the admin names the
 * seat with the override); from a sync only under a rule set to reclaim automatically; only where the profile's
 * reclaim process is on; never the connected account or the owner (re-checked against the
 * snapshot now, not trusted from the candidate); idempotent (a reclaimed candidate is never
 * selected again); every call through the connector (its HTTP client owns the retry policy);
 * one outcome and one append-only audit event per seat; one seat failing fails only that seat.
 */
import type { Connector, ReclaimAction, ReclaimEffect, SeatRecord, VendorCall } from '../../connectors/types.js';
import { connectorEntry } from '../../connectors/registry.js';
import type { ReclaimPlan, ReclaimResult } from '../../preload/contract.js';
import { AppError, conflict, invalid, notFound } from '../errors.js';
import type { AliasRecord, ProfileRecord, Snapshot } from '../store/schema.js';
import { openConnector, type LiveConnector } from '../sync/connection.js';
import { indexSeatPrices, seatSaving, totalSavings, type SeatPrice, type SeatSaving } from './costs.js';
import { connectorDowngradeOffer } from './downgrade.js';
import { compileExclusions } from './exclusions.js';
import { noticeDate } from './notices.js';
import { freeTiersOf } from './recompute.js';
import type { ReclamationDeps } from './service.js';
import type { Candidate, ExclusionRule, ReclamationRule, SubscriptionRecord } from './types.js';

/** How the runner finds a profile by id or name (the reclamation service's own lookup). */
export interface ProfileLookup {
  requireProfile(idOrName: string): ProfileRecord;
}

/** A real run with more seats than this must be confirmed by typing the count. */
export const CONFIRM_ABOVE = 10;

export interface ReclaimSelection {
  profileId: string;
  candidateIds?: string[];
  approved?: true;
  /** One of the vendor's reclaim actions; default its first (removal). */
  action?: ReclaimAction;
  /** Take named seats before the date in their notice (audited as such). */
  ignoreNoticeDate?: boolean;
}

export interface ReclaimRunOptions {
  confirmCount?: number;
  /**
   * The sync's own step: only seats whose rule is set to reclaim automatically, and no
   * "a sync is running" refusal (the sync is the caller).
   */
  auto?: boolean;
  /** Stops between seats: the seats not reached are left untouched. */
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

interface Selected {
  candidate: Candidate;
  subscription: SubscriptionRecord;
  alias: AliasRecord;
  rule: ReclamationRule | undefined;
  /** Reclaimed before the notice date because the admin named it with the override. */
  ignoredNoticeDate: boolean;
}

interface Selection {
  profile: ProfileRecord;
  /** The profile's prices by license type, for what each seat saves. */
  prices: ReadonlyMap<string, SeatPrice> | undefined;
  freeTiers: ReadonlySet<string>;
  effect: ReclaimEffect;
  effects: ReclaimEffect[];
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
  /** Absent in events written before actions existed: those were removals. */
  action?: ReclaimAction;
  /** For a downgrade: the tier the seat was moved to (`licenseType` is the tier it had). */
  downgradedTo?: string;
}

export function toSeat(s: SubscriptionRecord): SeatRecord {
  const seat: SeatRecord = { userId: s.userId, email: s.email, name: s.name, licenseType: s.licenseType, active: s.active, admin: s.admin, owner: s.owner, paid: s.paid };
  if (s.reclaimRef !== undefined) seat.reclaimRef = s.reclaimRef;
  if (s.startedAt !== undefined) seat.startedAt = s.startedAt;
  return seat;
}

/** "18 December 2026": the notice's own wording of its date. */
const noticeDay = (iso: string): string => noticeDate(iso) ?? iso.slice(0, 10);

/** Why a candidate is not taken now; `list`: say so in the plan even when all approved seats were asked for. */
interface NotNow {
  reason: string;
  list: boolean;
}

export class ReclaimRunner {
  constructor(
    private readonly deps: ReclamationDeps,
    private readonly profiles: ProfileLookup,
    private readonly afterChange: (profileId: string) => Promise<void>,
  ) {}

  /** Whether this candidate may be reclaimed now, by this path. */
  private notNow(c: Candidate, rule: ReclamationRule | undefined, nowMs: number, named: boolean, sel: ReclaimSelection, auto: boolean): NotNow | undefined {
    if (c.status === 'reclaimed') return { reason: 'already reclaimed', list: named };
    const mayGo = c.status === 'approved' || (c.status === 'open' && rule?.reclaimWithoutApproval === true);
    if (!mayGo) return { reason: c.status === 'open' ? 'not approved' : `status is ${c.status}`, list: named };
    if (auto && rule?.autoReclaim !== true) return { reason: 'its rule does not reclaim automatically', list: false };
    if (c.reclaimableAt && Date.parse(c.reclaimableAt) > nowMs && !(named && sel.ignoreNoticeDate === true && !auto)) {
      return { reason: `not yet: notice date ${noticeDay(c.reclaimableAt)}`, list: true };
    }
    return undefined;
  }

  private async select(input: ReclaimSelection, auto: boolean): Promise<Selection> {
    const store = this.deps.store;
    const profile = this.profiles.requireProfile(input.profileId);
    if (!input.candidateIds?.length && input.approved !== true) throw invalid('Choose the candidates to reclaim, or all approved ones.');
    if (input.ignoreNoticeDate && !input.candidateIds?.length) {
      throw invalid('Reclaiming before the notice date needs the seats named one by one (candidate ids), not all approved ones.');
    }
    if (!profile.processes.reclaim.enabled) {
      throw new AppError('reclaim_disabled', `Reclaim is turned off for "${profile.name}": turn on its reclaim process first.`);
    }
    const entry = connectorEntry(profile.vendor);
    if (!entry?.descriptor.reclaimSupported) throw new AppError('unsupported', `Seatwise cannot reclaim ${profile.vendor} seats.`);
    const effects = entry.descriptor.reclaimEffects;
    const asked = input.action ? effects.find((e) => e.action === input.action) : effects[0];
    if (!asked) {
      throw invalid(`${entry.descriptor.displayName} offers ${effects.map((e) => `"${e.action}" (${e.label})`).join(', ') || 'no reclaim action'}, not "${input.action}".`);
    }
    const snapshot = await store.snapshot(profile.id);
    if (!snapshot) throw conflict(`"${profile.name}" has not been synced yet: there is nothing to reclaim.`);
    const file = await store.candidates(profile.id);
    const all = file?.candidates ?? [];
    const rules = new Map(store.root.rules.filter((r) => r.profileId === profile.id).map((r) => [r.id, r]));
    const nowMs = this.deps.now().getTime();
    const aliases = store.root.aliases.filter((a) => a.profileId === profile.id);
    const guard = new SeatGuard(snapshot, aliases, store.root.exclusions.filter((e) => !e.profileId || e.profileId === profile.id));

    const named = (input.candidateIds?.length ?? 0) > 0;
    let chosen: Candidate[];
    const skipped: Selection['skipped'] = [];
    if (named) {
      const byId = new Map(all.map((c) => [c.id, c]));
      chosen = [];
      for (const id of new Set(input.candidateIds)) {
        const c = byId.get(id);
        if (!c) skipped.push({ candidateId: id, email: '', reason: `no candidate ${id} in "${profile.name}"` });
        else chosen.push(c);
      }
    } else chosen = all;
    // Only the chosen candidates' seats are looked up: an index of every seat (a million of
    // them at a big vendor) for a run that reclaims none would double the sync's memory.
    const wanted = new Set(chosen.map((c) => c.subscriptionId));
    const subs = new Map<string, SubscriptionRecord>();
    if (wanted.size) for (const s of snapshot.subscriptions) if (wanted.has(s.id)) subs.set(s.id, s);

    // Without an action named, each rule's own (remove or downgrade) decides: the run takes the
    // first due seat's, and a seat whose rule asks for another is left for a run of that action.
    // A rule's action the vendor does not offer (remove at Zoom) falls back to the vendor's default.
    const ruleEffectOf = (rule: ReclamationRule | undefined) => (rule?.action ? effects.find((e) => e.action === rule.action) : undefined) ?? asked;
    const due = chosen.find((c) => !this.notNow(c, rules.get(c.ruleId), nowMs, named, input, auto));
    const effect = input.action || !due ? asked : ruleEffectOf(rules.get(due.ruleId));
    const seats: Selected[] = [];
    for (const c of chosen) {
      const rule = rules.get(c.ruleId);
      const notNow = this.notNow(c, rule, nowMs, named, input, auto);
      if (notNow) {
        if (notNow.list) skipped.push({ candidateId: c.id, email: c.email, reason: notNow.reason });
        continue;
      }
      const ruleEffect = input.action ? undefined : ruleEffectOf(rule);
      if (ruleEffect && ruleEffect.action !== effect.action) {
        skipped.push({ candidateId: c.id, email: c.email, reason: `its rule ${rule!.name} reclaims by ${ruleEffect.action}: run again with --action ${ruleEffect.action}` });
        continue;
      }
      const s = subs.get(c.subscriptionId) ?? snapshot.subscriptions.find((x) => x.orgId === c.orgId && x.userId === c.userId && x.licenseType === c.licenseType);
      const alias = s ? aliases.find((a) => a.id === s.orgId) : undefined;
      const reason = guard.refusal(s, alias);
      if (reason !== undefined || !s || !alias) skipped.push({ candidateId: c.id, email: c.email, reason: reason ?? 'unknown seat' });
      else {
        const early = c.reclaimableAt !== undefined && Date.parse(c.reclaimableAt) > nowMs;
        seats.push({ candidate: c, subscription: s, alias, rule, ignoredNoticeDate: early });
      }
    }
    const prices = indexSeatPrices(store.root.entitlements.filter((e) => e.profileId === profile.id)).get(profile.id);
    return { profile, prices, freeTiers: freeTiersOf(profile.vendor), effect, effects, seats, skipped };
  }

  private connectorFor(alias: AliasRecord, cache: Map<string, Promise<LiveConnector>>, signal: AbortSignal): Promise<LiveConnector> {
    let live = cache.get(alias.id);
    if (!live) {
      live = openConnector({ alias, vault: this.deps.vault, signal, now: this.deps.now });
      cache.set(alias.id, live);
    }
    return live;
  }

  /**
   * The sync's last step, its only vendor writes: seats approved under a rule set to reclaim
   * automatically, past their notice date. Null when nothing is due (or reclaim is off).
   */
  async automatic(profileId: string, signal: AbortSignal): Promise<ReclaimResult | null> {
    const profile = this.profiles.requireProfile(profileId);
    if (!profile.processes.reclaim.enabled || !connectorEntry(profile.vendor)?.descriptor.reclaimSupported) return null;
    // An app with no API is never written to: its reclaim is a task list someone works through.
    if (connectorEntry(profile.vendor)?.descriptor.fileImport) return null;
    let last: ReclaimResult | null = null;
    // One run per action the due seats' rules ask for (remove, downgrade), each its own audit.
    for (let round = 0; round < connectorEntry(profile.vendor)!.descriptor.reclaimEffects.length && !signal.aborted; round++) {
      const plan = await this.plan({ profileId, approved: true }, { auto: true });
      if (!plan.calls.length) break;
      // Approved by an admin under a rule they set to reclaim automatically: the count is the plan's own.
      last = await this.run({ profileId, approved: true }, { auto: true, confirmCount: plan.calls.length, signal });
    }
    return last;
  }

  /** The dry run: the exact vendor calls a real run would make. Touches nothing. */
  async plan(input: ReclaimSelection, options: { auto?: boolean } = {}): Promise<ReclaimPlan> {
    const selection = await this.select(input, options.auto === true);
    const { profile, effect, effects, seats, skipped } = selection;
    const cache = new Map<string, Promise<LiveConnector>>();
    const offers = new Map<string, Promise<DowngradeOfferResult>>();
    const signal = new AbortController().signal;
    const calls: ReclaimPlan['calls'] = [];
    const savings: SeatSaving[] = [];
    for (const { candidate: c, subscription: s, alias, rule } of seats) {
      const { connector } = await this.connectorFor(alias, cache, signal);
      let seat: SeatRecord;
      let call: VendorCall;
      try {
        seat = await withDowngradeTarget(connector, toSeat(s), effect.action, rule, offers);
        call = connector.planReclaim(seat, effect.action);
      } catch (e) {
        // A seat with no cheaper tier at the vendor: said for that seat, the others still planned.
        if (effect.action !== 'downgrade' || !(e instanceof Error) || !('code' in e)) throw e;
        skipped.push({ candidateId: c.id, email: c.email, reason: e.message });
        continue;
      }
      const saving = savingOf(selection, seat, effect.action);
      savings.push(saving);
      calls.push({
        candidateId: c.id,
        userId: c.userId,
        email: c.email,
        name: c.name,
        licenseType: c.licenseType,
        call,
        ...savingFields(seat, saving),
      });
    }
    return {
      profileId: profile.id,
      profileName: profile.name,
      vendor: profile.vendor,
      calls,
      skipped,
      confirmAbove: CONFIRM_ABOVE,
      effect,
      actions: effects,
      ...totalSavings(savings),
    };
  }

  async run(input: ReclaimSelection, options: ReclaimRunOptions = {}): Promise<ReclaimResult> {
    const store = this.deps.store;
    const auto = options.auto === true;
    const asked = this.profiles.requireProfile(input.profileId);
    const profileId = asked.id;
    if (connectorEntry(asked.vendor)?.descriptor.fileImport) {
      throw new AppError('unsupported', `"${asked.name}" has no API: write its task list instead (seatwise reclaim "${asked.name}" --approved --yes --out tasks.csv), and mark the seats reclaimed once removed.`);
    }
    if (!auto && this.deps.isSyncing?.(profileId)) throw conflict('A sync of this profile is running: reclaim when it has finished.');
    // One reclaim of a profile at a time, in this process and on every server sharing the store;
    // the selection is read inside, so a seat another run reclaimed is seen as reclaimed.
    const held = await store.exclusive(`reclaim:${profileId}`, () => this.runHeld(input, options));
    if (!held.ran) throw conflict('A reclaim is already running for this profile.');
    return held.value;
  }

  private async runHeld(input: ReclaimSelection, options: ReclaimRunOptions): Promise<ReclaimResult> {
    const store = this.deps.store;
    const auto = options.auto === true;
    const selection = await this.select(input, auto);
    const { profile, effect, effects, seats, skipped } = selection;
    if (seats.length > CONFIRM_ABOVE && options.confirmCount !== seats.length) {
      throw new AppError(
        'confirmation_required',
        `Reclaiming ${seats.length} seats needs confirmation: confirm the count ${seats.length}${options.confirmCount === undefined ? '' : ` (got ${options.confirmCount})`}.`,
      );
    }
    const result: ReclaimResult = { profileId: profile.id, reclaimed: 0, failed: 0, skipped: skipped.length, outcomes: [], savings: [], unknownSavings: 0 };
    const saved: SeatSaving[] = [];
    const offers = new Map<string, Promise<DowngradeOfferResult>>();
    for (const s of skipped) result.outcomes.push({ candidateId: s.candidateId, userId: '', email: s.email, name: '', licenseType: '', outcome: 'skipped', message: s.reason });
    const cache = new Map<string, Promise<LiveConnector>>();
    const signal = options.signal ?? new AbortController().signal;
    const file = await store.candidates(profile.id);
    const snapshot = await store.snapshot(profile.id);
    if (!file || !snapshot) return result;
    let done = 0;
    options.onProgress?.(0, seats.length);
    for (const { candidate, subscription, alias, rule, ignoredNoticeDate } of seats) {
      const ref = { candidateId: candidate.id, userId: candidate.userId, email: candidate.email, name: candidate.name, licenseType: candidate.licenseType };
      if (signal.aborted) {
        result.skipped += 1;
        result.outcomes.push({ ...ref, outcome: 'skipped', message: 'cancelled before this seat: nothing was changed at the vendor' });
        continue;
      }
      const before = candidate.status;
      let seat = toSeat(subscription);
      let call: VendorCall = { method: '', url: '' };
      let error: string | undefined;
      let offered: ReclaimAction[] = [];
      try {
        const live = await this.connectorFor(alias, cache, signal);
        seat = await withDowngradeTarget(live.connector, seat, effect.action, rule, offers);
        call = live.connector.planReclaim(seat, effect.action);
        await live.connector.reclaim(seat, effect.action);
      } catch (e) {
        error = (e as Error).message || String(e);
        // A vendor that refuses this action for this seat may name a safer one (Salesforce: freeze).
        const named = (e as { alternative?: unknown }).alternative;
        offered = effects.some((x) => x.action === named && x.action !== effect.action) ? [named as ReclaimAction] : [];
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
        call,
        action: effect.action,
        ...(seat.downgradeTo ? { downgradedTo: seat.downgradeTo } : {}),
      };
      if (subscription.reclaimRef !== undefined) record.reclaimRef = subscription.reclaimRef;
      const why = {
        trigger: auto ? 'automatic' : 'manual',
        ...(rule ? { ruleId: rule.id, ruleName: rule.name } : {}),
        ...(ignoredNoticeDate ? { ignoredNoticeDate: true, noticeDate: candidate.reclaimableAt } : {}),
      };
      if (error === undefined) {
        const saving = savingOf(selection, seat, effect.action);
        saved.push(saving);
        target.status = 'reclaimed';
        const sub = snapshot.subscriptions.find((x) => x.id === subscription.id);
        // A frozen user keeps the license: the seat is still held, and counted, until removed.
        // A downgraded one keeps a seat of the cheaper tier; the next sync reads its new price.
        if (sub && effect.action === 'remove') sub.active = false;
        if (sub && effect.action === 'downgrade' && seat.downgradeTo) sub.licenseType = seat.downgradeTo;
        const event = await store.audit.append({
          action: 'reclaim.seat',
          profileId: profile.id,
          target: `${candidate.id} ${candidate.email}`,
          before: { status: before, active: true },
          after: {
            status: 'reclaimed',
            active: effect.action !== 'remove',
            ...record,
            ...why,
            effect: effectRecord(effect),
            monthlySaving: saving.monthly,
            ...(saving.currency !== null ? { currency: saving.currency } : {}),
          },
          message: effect.adminTodo,
        });
        result.reclaimed += 1;
        result.outcomes.push({ ...ref, outcome: 'reclaimed', auditId: event.id, call, effect, ...savingFields(seat, saving) });
      } else {
        target.status = 'failed';
        const event = await store.audit.append({
          action: 'reclaim.failed',
          profileId: profile.id,
          target: `${candidate.id} ${candidate.email}`,
          before: { status: before, active: true },
          after: { status: 'failed', ...record, ...why },
          message: error,
        });
        result.failed += 1;
        result.outcomes.push({ ...ref, outcome: 'failed', message: error, auditId: event.id, call, ...(offered.length ? { alternatives: offered } : {}) });
      }
      // Saved after every seat: a crash half way never reclaims a seat twice.
      await store.saveCandidates(file);
      options.onProgress?.(++done, seats.length);
    }
    Object.assign(result, totalSavings(saved));
    if (seats.length > 0) {
      await store.commitSnapshot(snapshot);
      await this.afterChange(profile.id);
      this.deps.events.emit('profiles:changed', { profileId: profile.id });
    }
    return result;
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
    const action: ReclaimAction = record.action ?? 'remove';
    const profile = this.profiles.requireProfile(event.profileId ?? '');
    const alias = store.root.aliases.find((a) => a.id === record.orgId && a.profileId === profile.id);
    if (!alias) throw conflict('The connection this seat was reclaimed through no longer exists.');
    const live = await openConnector({ alias, vault: this.deps.vault, signal: new AbortController().signal, now: this.deps.now });
    const effect = live.connector.descriptor.reclaimEffects.find((e) => e.action === action);
    if (!live.connector.undo || !effect?.undoLabel) {
      throw new AppError('unsupported', `${live.connector.descriptor.displayName} does not let Seatwise undo this; restore ${record.email} at the vendor.`);
    }
    const snapshot = await store.snapshot(profile.id);
    const sub = snapshot?.subscriptions.find((s) => s.id === record.subscriptionId);
    const seat: SeatRecord = sub
      ? toSeat(sub)
      : { userId: record.userId, email: record.email, name: record.name, licenseType: record.licenseType, active: false, admin: false, owner: false, paid: true, reclaimRef: record.reclaimRef };
    // Undoing a downgrade moves the seat back to the tier it had (downgradeTo, as SeatRecord
    // says), from the seat as it was before the run: the snapshot already holds the cheaper tier,
    // and a connector finds the license to restore through the seat's own tier and reference.
    if (action === 'downgrade') {
      seat.licenseType = record.licenseType;
      if (record.reclaimRef !== undefined) seat.reclaimRef = record.reclaimRef;
      seat.downgradeTo = record.licenseType;
    }
    const call = live.connector.planUndo?.(seat, action);
    await live.connector.undo(seat, action);
    const file = await store.candidates(profile.id);
    const candidate = file?.candidates.find((c) => c.id === record.candidateId);
    const before = candidate?.status;
    if (file && candidate) {
      candidate.status = 'open';
      await store.saveCandidates(file);
    }
    if (snapshot && sub && action === 'downgrade') {
      sub.licenseType = record.licenseType;
      await store.commitSnapshot(snapshot);
    } else if (snapshot && sub && action === 'remove') {
      sub.active = true;
      await store.commitSnapshot(snapshot);
    }
    const undone = await store.audit.append({
      action: 'reclaim.undo',
      profileId: profile.id,
      target: `${record.candidateId} ${record.email}`,
      before: { status: before ?? 'reclaimed', active: false },
      after: { status: 'open', active: true, undoOf: auditId, call, action, undoLabel: effect.undoLabel, undoRestores: effect.undoRestores },
      message: effect.undoLoses,
    });
    await this.afterChange(profile.id);
    this.deps.events.emit('profiles:changed', { profileId: profile.id });
    return { candidateId: record.candidateId, auditId: undone.id, status: 'open' };
  }
}

type DowngradeOfferResult = Awaited<ReturnType<typeof connectorDowngradeOffer>>;

/**
 * A downgrade goes to the tier the seat's rule fixed when its action was set, else to the first
 * cheaper tier the connector offers for the seat's license type (asked once per license type).
 */
async function withDowngradeTarget(
  connector: Connector,
  seat: SeatRecord,
  action: ReclaimAction,
  rule: ReclamationRule | undefined,
  offers: Map<string, Promise<DowngradeOfferResult>>,
): Promise<SeatRecord> {
  if (action !== 'downgrade' || seat.downgradeTo) return seat;
  const fixed = rule?.action === 'downgrade' && rule.downgradeTo && rule.licenseType === seat.licenseType ? rule.downgradeTo : undefined;
  // A connector that asks the vendor (Salesforce) reads the org's tiers here, before it plans.
  if (fixed && !connector.downgradeOffer) return { ...seat, downgradeTo: fixed };
  let offer = offers.get(seat.licenseType);
  if (!offer) offers.set(seat.licenseType, (offer = connectorDowngradeOffer(connector, seat.licenseType)));
  const found = await offer;
  const target = fixed ?? found.targets[0];
  if (!target) throw new AppError('unsupported', found.reason ?? `${connector.descriptor.displayName} has no cheaper tier for ${seat.licenseType}.`);
  return { ...seat, downgradeTo: target };
}

function savingOf(selection: Pick<Selection, 'prices' | 'freeTiers'>, seat: SeatRecord, action: ReclaimAction): SeatSaving {
  return seatSaving({ prices: selection.prices, licenseType: seat.licenseType, action, downgradeTo: seat.downgradeTo, freeTiers: selection.freeTiers });
}

/** What a plan's call and a run's outcome say of the saving: the amount, or why it is unknown. */
function savingFields(seat: SeatRecord, saving: SeatSaving): { monthlySaving: number | null; currency: string | null; savingNote?: string; downgradeTo?: string } {
  return {
    monthlySaving: saving.monthly,
    currency: saving.currency,
    ...(saving.note !== undefined && saving.monthly === null ? { savingNote: saving.note } : {}),
    ...(seat.downgradeTo !== undefined ? { downgradeTo: seat.downgradeTo } : {}),
  };
}

/** What a reclaim stores of the effect in the audit event: the facts the auditor reads. */
function effectRecord(e: ReclaimEffect): Record<string, string> {
  const out: Record<string, string> = { label: e.label, vendorChange: e.vendorChange, saving: e.saving, undoRestores: e.undoRestores };
  if (e.adminTodo) out.adminTodo = e.adminTodo;
  if (e.undoLabel) out.undoLabel = e.undoLabel;
  if (e.undoLoses) out.undoLoses = e.undoLoses;
  return out;
}

/**
 * The seats a reclaim never touches, checked again against the last download now (a
 * candidate may be days old): the owner, the connected accounts, free and excluded seats.
 */
class SeatGuard {
  private readonly connected = new Set<string>();
  private readonly exclusions: ReturnType<typeof compileExclusions>;

  constructor(snapshot: Snapshot, aliases: AliasRecord[], exclusions: ExclusionRule[]) {
    for (const o of snapshot.orgs) if (o.connectedUserId) this.connected.add(`${o.aliasId}\u0000${o.connectedUserId}`);
    for (const a of aliases) if (a.connectedUserId) this.connected.add(`${a.id}\u0000${a.connectedUserId}`);
    this.exclusions = compileExclusions(exclusions);
  }

  refusal(s: SubscriptionRecord | undefined, alias: AliasRecord | undefined): string | undefined {
    if (!s) return 'the seat is not in the last download';
    if (!s.active) return 'the seat is no longer held';
    if (s.owner) return 'the user is the organisation owner';
    if (s.connectedAccount || this.connected.has(`${s.orgId}\u0000${s.userId}`)) return 'the user is the connected account';
    if (!s.paid) return 'the seat is free';
    if (this.exclusions.licenseType(s.licenseType) || this.exclusions.user(s.email, s.userId)) return 'the seat is excluded';
    if (!alias) return 'its connection no longer exists';
    return undefined;
  }
}
