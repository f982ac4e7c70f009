/**
 * The reclamation service behind the contract: candidates and their statuses, rules,
 * exclusions, entitlements, reconciliation, export and the audit log. Reclaim itself (plan,
 * run, undo) lives in `reclaim.ts`. Every change that alters candidates recomputes the
 * affected profiles at once from their last snapshot, and writes an audit event.
 */
import { TaskLists } from './task-list.js';
import path from 'node:path';
import type {
  CandidateRow,
  EntitlementInput,
  EntitlementView,
  ExclusionView,
  RulePatch,
  RuleView,
} from '../../preload/contract.js';
import { connectorEntry } from '../../connectors/registry.js';
import { conflict, invalid, notFound } from '../errors.js';
import type { EventBus } from '../events/bus.js';
import { toExportRows, type ProfileLabel } from '../export/columns.js';
import { ensureExportsFolder } from '../export/exports-folder.js';
import { writeExport, type ExportFormat } from '../export/write-export.js';
import { newId } from '../profiles/ids.js';
import type { ProfileRecord } from '../store/schema.js';
import type { DataStore } from '../store/data-store.js';
import type { SecretStore } from '../vault/secret-store.js';
import { validateExclusionPattern } from './exclusions.js';
import { requireDowngradeTarget } from './downgrade.js';
import { ReclaimRunner } from './reclaim.js';
import { candidateSaving, profileStats, recomputeCandidates } from './recompute.js';
import { leaverDaysOf } from './seat-check.js';
import { reconcile, type Reconciliation } from './reconciliation.js';
import { applyRuleChange } from './rules.js';
import type { Candidate, CandidateStatus, Entitlement, ReclamationRule } from './types.js';

const DAY_MS = 86_400_000;

// ISO 4217 codes, as the runtime's ICU knows them: the same list Intl formats prices with.
// Read at first use, like every locale table: not part of each command's start-up.
let currencies: ReadonlySet<string> | undefined;
export const isCurrencyCode = (code: string): boolean => (currencies ??= new Set(Intl.supportedValuesOf('currency'))).has(code);

export interface ReclamationDeps {
  store: DataStore;
  vault: SecretStore;
  events: EventBus;
  now: () => Date;
  /** Whether a sync of the profile is running: a reclaim waits for it (candidates are being rewritten). */
  isSyncing?: (profileId: string) => boolean;
  /** The first scheduled sync of the profile after `after`: when an automatic reclaim happens. */
  nextSyncAfter?: (profileId: string, after: Date) => Date | undefined;
}

export class ReclamationService {
  readonly reclaim: ReclaimRunner;
  /** Reclaim at an app with no API: task lists, and seats marked reclaimed by hand. */
  readonly taskLists: TaskLists;

  constructor(private readonly deps: ReclamationDeps) {
    this.reclaim = new ReclaimRunner(deps, this, (id) => this.refreshStats(id));
    this.taskLists = new TaskLists(deps, this, this.reclaim, (id) => this.refreshStats(id));
  }

  private get store(): DataStore {
    return this.deps.store;
  }

  get dataDir(): string {
    return this.deps.store.dataDir;
  }

  requireProfile(idOrName: string): ProfileRecord {
    const profiles = this.store.root.profiles;
    const p = profiles.find((x) => x.id === idOrName) ?? profiles.find((x) => x.name.toLowerCase() === idOrName.toLowerCase());
    if (!p) throw notFound(`The profile "${idOrName}"`);
    return p;
  }

  private profilesFor(profileId?: string): ProfileRecord[] {
    return profileId ? [this.requireProfile(profileId)] : [...this.store.root.profiles];
  }

  // ---- candidates -------------------------------------------------------------------------

  async candidates(profileId?: string, status?: CandidateStatus): Promise<CandidateRow[]> {
    const rows: CandidateRow[] = [];
    const now = this.deps.now();
    for (const p of this.profilesFor(profileId)) {
      const file = await this.store.candidates(p.id);
      const autoAt = this.autoReclaimDate(p, now);
      for (const c of file?.candidates ?? []) {
        if (status && c.status !== status) continue;
        const row = toRow(c, p);
        const at = autoAt(c);
        if (at) row.autoReclaimAt = at;
        rows.push(row);
      }
    }
    return rows;
  }

  /**
   * When a sync will reclaim a candidate by itself: approved (or needing no approval) under a
   * rule set to reclaim automatically, at the first scheduled sync on or after its notice date.
   */
  private autoReclaimDate(p: ProfileRecord, now: Date): (c: Candidate) => string | undefined {
    const rules = new Map(this.store.root.rules.filter((r) => r.profileId === p.id).map((r) => [r.id, r]));
    const cache = new Map<string, string | undefined>();
    return (c) => {
      const rule = rules.get(c.ruleId);
      if (!p.processes.reclaim.enabled || rule?.autoReclaim !== true) return undefined;
      if (!(c.status === 'approved' || (c.status === 'open' && rule.reclaimWithoutApproval))) return undefined;
      const from = c.reclaimableAt && Date.parse(c.reclaimableAt) > now.getTime() ? c.reclaimableAt : now.toISOString();
      if (!cache.has(from)) {
        // A scheduled sync exactly at the notice date counts: look from just before it.
        const at = this.deps.nextSyncAfter?.(p.id, new Date(Date.parse(from) - 1));
        cache.set(from, at?.toISOString());
      }
      return cache.get(from);
    };
  }

  /** Approve, reject or reopen candidates. Reclaimed and resolved candidates are left alone. */
  async setStatus(ids: string[], status: 'approved' | 'rejected' | 'open', reason?: string): Promise<{ updated: number; unchanged: { id: string; reason: string }[] }> {
    const wanted = new Set(ids);
    const found = new Set<string>();
    const unchanged: { id: string; reason: string }[] = [];
    let updated = 0;
    const changes: { id: string; from: string; to: string; email: string }[] = [];
    for (const p of this.store.root.profiles) {
      const file = await this.store.candidates(p.id);
      if (!file) continue;
      let dirty = false;
      for (const c of file.candidates) {
        if (!wanted.has(c.id)) continue;
        found.add(c.id);
        if (c.status === 'reclaimed' || c.status === 'resolved') {
          unchanged.push({ id: c.id, reason: c.status === 'reclaimed' ? 'already reclaimed (use undo)' : 'resolved: the user is no longer inactive' });
          continue;
        }
        if (c.status === status) continue;
        changes.push({ id: c.id, from: c.status, to: status, email: c.email });
        c.status = status;
        updated += 1;
        dirty = true;
      }
      if (dirty) {
        await this.store.saveCandidates(file);
        await this.refreshStats(p.id);
        for (const ch of changes.splice(0)) {
          await this.store.audit.append({
            action: `candidate.${status === 'open' ? 'reopened' : status}`,
            profileId: p.id,
            target: `${ch.id} ${ch.email}`,
            before: { status: ch.from },
            after: { status: ch.to },
            ...(reason ? { message: reason } : {}),
          });
        }
      }
    }
    for (const id of ids) if (!found.has(id)) unchanged.push({ id, reason: 'no such candidate' });
    if (updated > 0) this.deps.events.emit('profiles:changed', {});
    return { updated, unchanged };
  }

  async export(input: { profileId?: string; status?: CandidateStatus; candidateIds?: string[]; format: ExportFormat; out: string }): Promise<{ path: string; rows: number }> {
    if (!path.isAbsolute(input.out)) throw invalid('The export path must be absolute.');
    const labels = new Map<string, ProfileLabel>();
    const wanted = input.candidateIds ? new Set(input.candidateIds) : undefined;
    const all: Candidate[] = [];
    for (const p of this.profilesFor(input.profileId)) {
      labels.set(p.id, { name: p.name, vendor: p.vendor });
      for (const c of (await this.store.candidates(p.id))?.candidates ?? []) {
        if ((!input.status || c.status === input.status) && (!wanted || wanted.has(c.id))) all.push(c);
      }
    }
    await ensureExportsFolder(this.store.dataDir, input.out);
    const result = await writeExport({ format: input.format, rows: toExportRows(all, labels), out: input.out });
    return { path: result.path, rows: result.rows };
  }

  // ---- rules ------------------------------------------------------------------------------

  rules(profileId?: string): RuleView[] {
    const id = profileId ? this.requireProfile(profileId).id : undefined;
    return this.store.root.rules.filter((r) => !id || r.profileId === id).map(ruleView);
  }

  async updateRule(ruleId: string, patch: RulePatch): Promise<RuleView> {
    const rule = this.store.root.rules.find((r) => r.id === ruleId);
    if (!rule) throw notFound(`The rule "${ruleId}"`);
    let downgradeTo: string | undefined;
    if (patch.action === 'downgrade') {
      const profile = this.store.root.profiles.find((p) => p.id === rule.profileId);
      const descriptor = profile ? connectorEntry(profile.vendor)?.descriptor : undefined;
      if (!profile || !descriptor?.reclaimEffects.some((e) => e.action === 'downgrade')) {
        throw invalid(`${descriptor?.displayName ?? 'This vendor'} offers no cheaper tier to downgrade to: its seats can only be ${descriptor?.reclaimEffects.map((e) => e.action).join(' or ') || 'kept'}.`);
      }
      // The tier is fixed now, as the vendor offers it, so every candidate's saving is the
      // price difference to that tier and the dry run moves seats to the same one.
      downgradeTo = await requireDowngradeTarget(this.deps, profile, rule.licenseType);
    }
    const result = applyRuleChange(rule, patch);
    if (downgradeTo !== undefined && result.rule.downgradeTo !== downgradeTo) {
      result.changes.push({ field: 'downgradeTo', from: rule.downgradeTo, to: downgradeTo });
      result.rule.downgradeTo = downgradeTo;
      result.recompute = true;
    }
    if (result.changes.length === 0) return ruleView(rule);
    await this.store.update((root) => {
      const i = root.rules.findIndex((r) => r.id === ruleId);
      if (i >= 0) root.rules[i] = result.rule;
    });
    await this.store.audit.append({
      action: 'rule.changed',
      profileId: rule.profileId,
      target: `${rule.id} ${rule.name}`,
      before: Object.fromEntries(result.changes.map((c) => [c.field, c.from])),
      after: Object.fromEntries(result.changes.map((c) => [c.field, c.to])),
    });
    if (result.recompute) await this.recompute(rule.profileId);
    else this.deps.events.emit('profiles:changed', { profileId: rule.profileId });
    return ruleView(result.rule);
  }

  // ---- exclusions -------------------------------------------------------------------------

  exclusions(profileId?: string): ExclusionView[] {
    const id = profileId ? this.requireProfile(profileId).id : undefined;
    return this.store.root.exclusions.filter((e) => !id || !e.profileId || e.profileId === id).map((e) => ({ ...e }));
  }

  async addExclusion(input: { kind: 'user' | 'licenseType'; pattern: string; reason: string; profileId?: string }): Promise<ExclusionView> {
    const check = validateExclusionPattern(input.kind, input.pattern);
    if (!check.ok) throw invalid(check.message);
    const reason = input.reason.trim();
    if (!reason) throw invalid('Give a reason for the exclusion.');
    const profileId = input.profileId ? this.requireProfile(input.profileId).id : undefined;
    const dup = this.store.root.exclusions.find((e) => e.kind === input.kind && e.pattern.toLowerCase() === check.pattern.toLowerCase() && e.profileId === profileId);
    if (dup) throw conflict(`That exclusion already exists (${dup.id}).`);
    const exclusion: ExclusionView = { id: newId('exc'), kind: input.kind, pattern: check.pattern, reason, createdAt: this.deps.now().toISOString() };
    if (profileId) exclusion.profileId = profileId;
    await this.store.update((root) => void root.exclusions.push(exclusion));
    await this.store.audit.append({ action: 'exclusion.added', profileId, target: exclusion.id, after: exclusion });
    await this.recomputeAll(profileId);
    return exclusion;
  }

  async removeExclusion(id: string): Promise<void> {
    const exclusion = this.store.root.exclusions.find((e) => e.id === id);
    if (!exclusion) throw notFound(`The exclusion "${id}"`);
    await this.store.update((root) => {
      root.exclusions = root.exclusions.filter((e) => e.id !== id);
    });
    await this.store.audit.append({ action: 'exclusion.removed', profileId: exclusion.profileId, target: id, before: exclusion });
    await this.recomputeAll(exclusion.profileId);
  }

  // ---- entitlements -----------------------------------------------------------------------

  entitlements(profileId?: string): EntitlementView[] {
    const id = profileId ? this.requireProfile(profileId).id : undefined;
    return this.store.root.entitlements.filter((e) => !id || e.profileId === id).map((e) => ({ ...e }));
  }

  async setEntitlement(input: EntitlementInput): Promise<EntitlementView> {
    const profile = this.requireProfile(input.profileId);
    if (input.renewalDate !== undefined && Number.isNaN(Date.parse(input.renewalDate))) throw invalid(`The renewal date "${input.renewalDate}" is not a date.`);
    if (!isCurrencyCode(input.currency)) throw invalid(`"${input.currency}" is not an ISO 4217 currency code (such as EUR, USD or GBP).`);
    const known = this.licenseTypesOf(profile);
    // Costs of a license type the profile does not have would show savings that do not exist.
    // Before the first sync nothing is known yet: what is set then is checked by the reconciliation.
    if (known.length && !known.includes(input.licenseType) && !this.store.root.entitlements.some((e) => e.profileId === profile.id && e.licenseType === input.licenseType)) {
      throw invalid(`${profile.name} has no license type "${input.licenseType}"; it has ${known.map((t) => `"${t}"`).join(', ')}.`);
    }
    let next: Entitlement = { ...input, profileId: profile.id };
    let before: Entitlement | undefined;
    await this.store.update((root) => {
      const i = root.entitlements.findIndex((e) => e.profileId === profile.id && e.licenseType === input.licenseType);
      if (i >= 0) {
        before = root.entitlements[i];
        // The vendor keeps reporting the owned count; an admin's edit of price or renewal keeps that.
        if (before?.ownedFromVendor && before.owned === input.owned) next = { ...next, ownedFromVendor: true };
        root.entitlements[i] = next;
      } else root.entitlements.push(next);
    });
    await this.store.audit.append({ action: 'entitlement.set', profileId: profile.id, target: input.licenseType, before, after: next });
    await this.recompute(profile.id);
    return { ...next };
  }

  /** Forgets an entitlement: its seats are unpriced again, and the reconciliation shows no owned count. */
  async removeEntitlement(profileId: string, licenseType: string): Promise<void> {
    const profile = this.requireProfile(profileId);
    const before = this.store.root.entitlements.find((e) => e.profileId === profile.id && e.licenseType === licenseType);
    if (!before) {
      const set = this.store.root.entitlements.filter((e) => e.profileId === profile.id).map((e) => `"${e.licenseType}"`);
      throw notFound(`The entitlement of "${licenseType}" in ${profile.name}${set.length ? ` (set: ${set.join(', ')})` : ' (none is set)'}`);
    }
    await this.store.update((root) => {
      root.entitlements = root.entitlements.filter((e) => !(e.profileId === profile.id && e.licenseType === licenseType));
    });
    await this.store.audit.append({ action: 'entitlement.removed', profileId: profile.id, target: licenseType, before });
    await this.recompute(profile.id);
  }

  /** The license types a profile holds seats of, as its last sync read them, and those its connector names. */
  private licenseTypesOf(profile: ProfileRecord): string[] {
    const seen = profile.stats.licenseTypes.map((t) => t.name);
    if (!seen.length) return [];
    return [...new Set([...seen, ...(connectorEntry(profile.vendor)?.descriptor.knownLicenseTypes ?? [])])];
  }

  // ---- reconciliation and audit -----------------------------------------------------------

  async reconciliation(profileId?: string): Promise<Reconciliation> {
    const subscriptions = [];
    const candidates = [];
    const ids = new Set<string>();
    for (const p of this.profilesFor(profileId)) {
      ids.add(p.id);
      subscriptions.push(...((await this.store.snapshot(p.id))?.subscriptions ?? []));
      candidates.push(...((await this.store.candidates(p.id))?.candidates ?? []));
    }
    return reconcile({ subscriptions, candidates, entitlements: this.store.root.entitlements.filter((e) => ids.has(e.profileId)), now: this.deps.now() });
  }


  // ---- recompute --------------------------------------------------------------------------

  /** Recomputes one profile's candidates from its last snapshot and refreshes its stats. */
  async recompute(profileId: string): Promise<Candidate[] | undefined> {
    const profile = this.store.root.profiles.find((p) => p.id === profileId);
    if (!profile) return undefined;
    const snapshot = await this.store.snapshot(profileId);
    if (!snapshot) return undefined;
    const now = this.deps.now();
    const analysisStart = profile.analysisStart ? new Date(profile.analysisStart) : new Date(now.getTime() - profile.processes.activity.lookbackDays * DAY_MS);
    const candidates = await recomputeCandidates(this.store, profileId, snapshot.subscriptions, {
      now,
      analysisStart,
      activityAvailable: profile.activityAvailable === true,
    });
    await this.store.update((root) => {
      const p = root.profiles.find((x) => x.id === profileId);
      if (p) p.stats = profileStats(snapshot.subscriptions, candidates);
    });
    this.deps.events.emit('profiles:changed', { profileId });
    return candidates;
  }

  /** Every profile's candidates (or one's), e.g. after the directory changed who left. */
  async recomputeAll(profileId?: string): Promise<void> {
    for (const p of this.profilesFor(profileId)) await this.recompute(p.id);
  }

  async refreshStats(profileId: string): Promise<void> {
    const snapshot = await this.store.snapshot(profileId);
    const file = await this.store.candidates(profileId);
    if (!snapshot || !file) return;
    await this.store.update((root) => {
      const p = root.profiles.find((x) => x.id === profileId);
      if (p) p.stats = profileStats(snapshot.subscriptions, file.candidates);
    });
  }
}

/** A rule as the contract shows it: automatic reclaim is off unless it was turned on. */
function ruleView(r: ReclamationRule): RuleView {
  return { ...r, autoReclaim: r.autoReclaim === true, leaversEnabled: r.leaversEnabled !== false, leaverDays: leaverDaysOf(r), action: r.action ?? 'remove' };
}

export function toRow(c: Candidate, p: ProfileRecord): CandidateRow {
  const row: CandidateRow = {
    id: c.id,
    profileId: c.profileId,
    profileName: p.name,
    vendor: p.vendor,
    orgId: c.orgId,
    subscriptionId: c.subscriptionId,
    userId: c.userId,
    email: c.email,
    name: c.name,
    licenseType: c.licenseType,
    inactiveSince: c.inactiveSince,
    daysInactive: c.daysInactive,
    ruleId: c.ruleId,
    ruleName: c.ruleName,
    thresholdDays: c.thresholdDays,
    status: c.status,
    monthlyCost: c.monthlyCost,
    currency: c.currency,
    monthlySaving: candidateSaving(c),
    why: c.why,
    detectedAt: c.detectedAt,
    reason: c.reason ?? 'inactive',
    activitySource: c.activitySource ?? null,
  };
  if (c.orphan !== undefined) row.orphan = c.orphan;
  if (c.savingNote !== undefined) row.savingNote = c.savingNote;
  if (c.downgradeTo !== undefined) row.downgradeTo = c.downgradeTo;
  if (c.lastActivityAt) row.lastActivityAt = c.lastActivityAt;
  if (c.reclaimableAt) row.reclaimableAt = c.reclaimableAt;
  if (c.resolvedAt) row.resolvedAt = c.resolvedAt;
  if (c.taskWrittenAt && c.status === 'approved') row.taskWrittenAt = c.taskWrittenAt;
  return row;
}


