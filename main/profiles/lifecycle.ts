/**
 * What changes a profile's life beyond its record: publishing starts its first sync and arms
 * its schedule, removing stops both (and takes an identity provider's people out of the
 * directory), turning activity off resolves its candidates at once.
 * Kept apart from ProfileService, which owns only the records, so neither depends on sync.
 */
import type { ProfileDetail, UpdateProfileInput } from '../../preload/contract.js';
import { forgetProfileSource } from '../directory/service.js';
import type { ReclamationService } from '../reclamation/service.js';
import type { Scheduler } from '../scheduler/index.js';
import type { Store } from '../store/store.js';
import type { SyncService } from '../sync/sync-service.js';
import type { ProfileService } from './service.js';

export class ProfileLifecycle {
  constructor(
    private readonly profiles: ProfileService,
    private readonly sync: SyncService,
    private readonly scheduler: Scheduler,
    private readonly reclamation: ReclamationService,
    private readonly store: Store,
  ) {}

  async publish(idOrName: string): Promise<ProfileDetail> {
    const profile = await this.profiles.publish(idOrName);
    this.scheduler.refresh(profile.id);
    this.sync.start(profile.id, 'publish');
    return this.profiles.detail(profile.id);
  }

  async update(input: UpdateProfileInput): Promise<ProfileDetail> {
    const before = this.profiles.require(input.profileId).processes.activity;
    const detail = await this.profiles.update(input);
    const after = detail.processes.activity;
    const wentAway = before.enabled && !after.enabled;
    if (!wentAway && before.lookbackDays === after.lookbackDays) return detail;
    // Activity just went away, or the look-back moved: nobody may stay a candidate on activity
    // no longer read, or on days the log was not read for.
    await this.reclamation.recompute(detail.id);
    return this.profiles.detail(detail.id);
  }

  async remove(idOrName: string): Promise<void> {
    const id = this.profiles.require(idOrName).id;
    this.sync.cancel(id);
    this.scheduler.cancel(id);
    await this.profiles.remove(id);
    this.scheduler.refresh(id);
    // An identity provider's people leave the directory with it: its leavers are no longer known.
    const linked = this.store.root.profiles.filter((p) => p.sso?.idpProfileId === id).map((p) => p.id);
    if (linked.length) {
      // Their SSO activity came through this profile: it stops with it (dates already read stay).
      await this.store.update((root) => {
        for (const p of root.profiles) if (p.sso?.idpProfileId === id) delete p.sso;
      });
    }
    if (await forgetProfileSource(this.store, id)) await this.reclamation.recomputeAll();
  }
}
