/**
 * Seats owned, from the vendor where it reports them (Salesforce: UserLicense.TotalLicenses).
 * Read after the download and written into the profile's entitlements: the owned count of an
 * existing entitlement is replaced (price, currency, period and renewal stay the admin's); a
 * license type with no entitlement yet gets one with the owned count and no price (unit cost
 * 0 until the admin enters it). Summed over the profile's orgs. Best effort: a vendor that
 * refuses (no "View Setup and Configuration") leaves the entitlements as they were and says
 * so in the job, since seats and candidates do not depend on it.
 */
import type { OwnedSeats } from '../../connectors/types.js';
import type { Entitlement } from '../reclamation/types.js';
import type { AliasRecord, RootData } from '../store/schema.js';
import type { LiveConnector } from './connection.js';

export type OwnedSeatsOutcome = { read: false } | { read: true; licenseTypes: number } | { read: false; error: string };

/** Owned seats per license type over every org; undefined when the connector does not report them. */
export async function readOwnedSeats(aliases: AliasRecord[], open: (alias: AliasRecord) => Promise<LiveConnector>): Promise<Map<string, number> | undefined> {
  const totals = new Map<string, number>();
  let reported = false;
  for (const alias of aliases) {
    const { connector } = await open(alias);
    if (!connector.ownedSeats) continue;
    reported = true;
    const seats: OwnedSeats[] = await connector.ownedSeats();
    for (const s of seats) totals.set(s.licenseType, (totals.get(s.licenseType) ?? 0) + s.owned);
  }
  return reported ? totals : undefined;
}

/** Writes the owned counts into `root.entitlements` for the license types the profile holds. */
export function applyOwnedSeats(root: RootData, profileId: string, owned: Map<string, number>, heldTypes: ReadonlySet<string>, currency: string): number {
  let changed = 0;
  for (const [licenseType, count] of owned) {
    const existing = root.entitlements.find((e) => e.profileId === profileId && e.licenseType === licenseType);
    if (existing) {
      if (existing.owned !== count) changed += 1;
      existing.owned = count;
      existing.ownedFromVendor = true;
      continue;
    }
    // UserLicense lists every license the org could hold; only the ones in use are worth a row.
    if (!heldTypes.has(licenseType)) continue;
    const created: Entitlement = { profileId, licenseType, owned: count, unitCost: 0, currency, period: 'month', ownedFromVendor: true };
    root.entitlements.push(created);
    changed += 1;
  }
  return changed;
}
