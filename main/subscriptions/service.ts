/** One profile's seats, filtered, sorted and paged, for the record screen and the CLI. */
import type { SubscriptionRow } from '../../preload/contract.js';
import type { ProfileService } from '../profiles/service.js';
import type { DataStore } from '../store/data-store.js';
import { directoryIndex } from '../directory/people.js';
import { querySubscriptions, type SubscriptionQuery } from './query.js';

export class SubscriptionsService {
  constructor(
    private readonly store: DataStore,
    private readonly profiles: ProfileService,
    private readonly now: () => Date,
  ) {}

  async list(query: SubscriptionQuery): Promise<{ total: number; rows: SubscriptionRow[] }> {
    const profile = this.profiles.require(query.profileId);
    const known = directoryIndex(await this.store.directory(), this.now())?.known;
    return querySubscriptions(await this.store.snapshot(profile.id), query, this.now(), undefined, known);
  }
}
