/**
 * Reclaim at an app with no API (descriptor.fileImport): the seats a run would take are written
 * as tasks for a ticket instead of vendor calls. Written is not reclaimed: the candidates stay
 * approved, marked with when their task was written, until someone marks them reclaimed (then
 * they count as saved) or the next import no longer lists the person (then they are resolved).
 */
import path from 'node:path';
import { connectorEntry } from '../../connectors/registry.js';
import type { TaskList } from '../../preload/contract.js';
import { AppError, invalid } from '../errors.js';
import { writeFileAtomically } from '../export/atomic-file.js';
import { csvText } from '../export/csv.js';
import { ensureExportsFolder } from '../export/exports-folder.js';
import { neutralizeCell } from '../export/neutralize.js';
import { writeFile } from 'node:fs/promises';
import type { ProfileRecord } from '../store/schema.js';
import type { ReclaimRunner, ProfileLookup } from './reclaim.js';
import type { ReclamationDeps } from './service.js';

export const TASK_LIST_HEADERS = ['email', 'name', 'license type', 'what to do', 'candidate id'] as const;

export function isFileImported(profile: Pick<ProfileRecord, 'vendor'>): boolean {
  return connectorEntry(profile.vendor)?.descriptor.fileImport === true;
}

export class TaskLists {
  constructor(
    private readonly deps: ReclamationDeps,
    private readonly profiles: ProfileLookup,
    private readonly runner: ReclaimRunner,
    private readonly afterChange: (profileId: string) => Promise<void>,
  ) {}

  /** The task list of the seats a reclaim would take now; written to `out` when given, and marked on the candidates. */
  async write(input: { profileId: string; candidateIds?: string[]; approved?: true; out?: string }): Promise<TaskList> {
    const profile = this.profiles.requireProfile(input.profileId);
    if (!isFileImported(profile)) throw invalid(`"${profile.name}" is reclaimed through its vendor's API: run seatwise reclaim "${profile.name}" instead of writing a task list.`);
    if (input.out !== undefined && !path.isAbsolute(input.out)) throw invalid('The task list path must be absolute.');
    // The same selection as a vendor run: approved seats, past their notice date, never the owner or an excluded one.
    const plan = await this.runner.plan({ profileId: profile.id, ...(input.candidateIds ? { candidateIds: input.candidateIds } : {}), ...(input.approved ? { approved: true } : {}) });
    const tasks = plan.calls.map((c) => ({
      candidateId: c.candidateId,
      email: c.email,
      name: c.name,
      licenseType: c.licenseType,
      task: `Remove ${c.email} (${c.licenseType}) in ${profile.name}'s admin console, then mark it reclaimed: seatwise candidates mark-reclaimed ${c.candidateId}`,
    }));
    const text = csvText([[...TASK_LIST_HEADERS], ...tasks.map((t) => [t.email, t.name, t.licenseType, t.task, t.candidateId].map(neutralizeCell))]);
    let written: string | undefined;
    if (input.out !== undefined) {
      await ensureExportsFolder(this.deps.store.dataDir, input.out);
      const out = input.out;
      await writeFileAtomically(out, (temp) => writeFile(temp, text, { mode: 0o600 }));
      written = out;
    }
    if (tasks.length) {
      const nowIso = this.deps.now().toISOString();
      const ids = new Set(tasks.map((t) => t.candidateId));
      const file = await this.deps.store.candidates(profile.id);
      if (file) {
        for (const c of file.candidates) if (ids.has(c.id)) c.taskWrittenAt = nowIso;
        await this.deps.store.saveCandidates(file);
      }
      await this.deps.store.audit.append({
        action: 'reclaim.task_list',
        profileId: profile.id,
        target: profile.name,
        after: { candidateIds: [...ids], ...(written ? { path: written } : {}) },
        message: `${tasks.length} task(s) written; nothing is reclaimed until marked reclaimed.`,
      });
      this.deps.events.emit('profiles:changed', { profileId: profile.id });
    }
    return { profileId: profile.id, profileName: profile.name, tasks, skipped: plan.skipped, text, ...(written ? { path: written } : {}) };
  }

  /** Someone removed these users in the app: each approved candidate of an app with no API becomes reclaimed, audited. */
  async markReclaimed(candidateIds: string[]): Promise<{ reclaimed: { id: string; auditId: string }[]; unchanged: { id: string; reason: string }[] }> {
    const store = this.deps.store;
    const wanted = new Set(candidateIds);
    const reclaimed: { id: string; auditId: string }[] = [];
    const unchanged: { id: string; reason: string }[] = [];
    const changed = new Set<string>();
    for (const profile of store.root.profiles) {
      const file = await store.candidates(profile.id);
      const mine = file?.candidates.filter((c) => wanted.has(c.id)) ?? [];
      if (!file || !mine.length) continue;
      const snapshot = await store.snapshot(profile.id);
      for (const c of mine) {
        wanted.delete(c.id);
        if (!isFileImported(profile)) {
          unchanged.push({ id: c.id, reason: `${profile.name} is reclaimed through its vendor: use seatwise reclaim` });
          continue;
        }
        if (c.status !== 'approved') {
          unchanged.push({ id: c.id, reason: c.status === 'reclaimed' ? 'already reclaimed' : `status is ${c.status}: approve it first` });
          continue;
        }
        c.status = 'reclaimed';
        const sub = snapshot?.subscriptions.find((s) => s.id === c.subscriptionId);
        if (sub) sub.active = false;
        const monthlySaving = c.monthlySaving !== undefined ? c.monthlySaving : c.monthlyCost;
        const event = await store.audit.append({
          action: 'reclaim.seat',
          profileId: profile.id,
          target: `${c.id} ${c.email}`,
          before: { status: 'approved', active: true },
          after: {
            status: 'reclaimed',
            active: false,
            candidateId: c.id,
            subscriptionId: c.subscriptionId,
            orgId: c.orgId,
            userId: c.userId,
            email: c.email,
            name: c.name,
            licenseType: c.licenseType,
            call: { method: 'TASK', url: `removed in ${profile.name}'s admin console, marked by hand` },
            action: 'remove',
            trigger: 'manual',
            markedByHand: true,
            ...(c.taskWrittenAt ? { taskWrittenAt: c.taskWrittenAt } : {}),
            monthlySaving: monthlySaving ?? null,
            ...(c.currency !== null ? { currency: c.currency } : {}),
          },
          message: 'Marked reclaimed: the user was removed in the app by hand.',
        });
        reclaimed.push({ id: c.id, auditId: event.id });
        changed.add(profile.id);
      }
      if (changed.has(profile.id)) {
        await store.saveCandidates(file);
        if (snapshot) await store.commitSnapshot(snapshot);
      }
    }
    for (const id of wanted) unchanged.push({ id, reason: 'no such candidate' });
    for (const profileId of changed) {
      await this.afterChange(profileId);
      this.deps.events.emit('profiles:changed', { profileId });
    }
    if (!reclaimed.length && unchanged.every((u) => u.reason === 'no such candidate')) throw new AppError('not_found', `No candidate ${[...new Set(candidateIds)].join(', ')} was found.`);
    return { reclaimed, unchanged };
  }
}
