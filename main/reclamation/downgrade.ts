/**
 * The cheaper tier a rule's seats can move to, asked of the connector: Zoom's Basic, the
 * Microsoft SKU the admin named, or (looked up at the vendor) Salesforce's cheaper user license.
 */
import type { Connector, DowngradeOffer } from '../../connectors/types.js';
import { invalid } from '../errors.js';
import type { ProfileRecord } from '../store/schema.js';
import { openConnector } from '../sync/connection.js';
import type { ReclamationDeps } from './service.js';

/** The connector's offer for one license type: its own answer, or the tiers it lists. */
export async function connectorDowngradeOffer(connector: Connector, licenseType: string): Promise<DowngradeOffer> {
  if (connector.downgradeOffer) return connector.downgradeOffer(licenseType);
  return { targets: connector.downgradeTargets?.(licenseType) ?? [] };
}

/**
 * The tiers a profile's seats of `licenseType` can move down to, through the profile's first
 * connection. Throws `invalid_input` with the vendor's reason when there is none.
 */
export async function requireDowngradeTarget(deps: ReclamationDeps, profile: ProfileRecord, licenseType: string): Promise<string> {
  const alias = deps.store.root.aliases.find((a) => a.profileId === profile.id);
  if (!alias) throw invalid(`"${profile.name}" has no connection yet: connect it before choosing a downgrade.`);
  const live = await openConnector({ alias, vault: deps.vault, signal: new AbortController().signal, now: deps.now });
  const offer = await connectorDowngradeOffer(live.connector, licenseType);
  const target = offer.targets[0];
  if (target === undefined) {
    throw invalid(offer.reason ?? `${live.connector.descriptor.displayName} offers no cheaper tier for ${licenseType}.`);
  }
  return target;
}
