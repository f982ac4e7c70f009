import type { ConnectorDescriptor } from '../../connectors/types.js';
import type { SubscriptionRecord } from '../reclamation/types.js';
import { putMappedRule } from '../catalog/mapped-rule.js';
import { modelLabel } from '../catalog/views.js';
import { defaultRulesFor } from '../reclamation/rules.js';
import { newId } from '../profiles/ids.js';
import type { RootData } from '../store/schema.js';

/**
 * After a download: a software model for every license type the connector recognises, an
 * unrecognized identifier for every other one, and a default reclamation rule for each new
 * paid model. Existing models, rules and the admin's resolutions are left as they are: a
 * mapped or excluded identifier never gets a model of its own, and a mapped one keeps the rule
 * its mapping gave it (see main/catalog/service.ts).
 */
export function updateCatalog(root: RootData, profileId: string, descriptor: ConnectorDescriptor, subscriptions: SubscriptionRecord[], now: Date): void {
  const seen = new Map<string, { seats: number; paid: boolean }>();
  for (const sub of subscriptions) {
    const entry = seen.get(sub.licenseType) ?? { seats: 0, paid: false };
    entry.seats += 1;
    entry.paid ||= sub.paid;
    seen.set(sub.licenseType, entry);
  }
  const known = descriptor.knownLicenseTypes ? new Set(descriptor.knownLicenseTypes) : undefined;
  const newPaidTypes: string[] = [];
  for (const [licenseType, { seats, paid }] of seen) {
    const hasModel = root.models.some((m) => m.profileId === profileId && m.licenseType === licenseType);
    if (hasModel) continue;
    const identifier = root.unrecognized.find((u) => u.profileId === profileId && u.licenseType === licenseType);
    // A resolved identifier stays the admin's decision, even once the connector learns the type:
    // a model of its own beside the mapping (or exclusion) would count its seats twice.
    if ((known && !known.has(licenseType)) || identifier?.resolution) {
      if (identifier) identifier.seats = seats;
      else root.unrecognized.push({ profileId, licenseType, seats, firstSeenAt: now.toISOString() });
      continue;
    }
    // Recognised now and never resolved: it becomes a model like any other.
    if (identifier) root.unrecognized.splice(root.unrecognized.indexOf(identifier), 1);
    root.models.push({
      id: newId('mdl'),
      profileId,
      publisher: descriptor.publisher,
      product: descriptor.product,
      licenseType,
      paid,
      createdAt: now.toISOString(),
    });
    if (paid) newPaidTypes.push(licenseType);
  }
  const missingRules = newPaidTypes.filter((t) => !root.rules.some((r) => r.profileId === profileId && r.licenseType === t));
  if (missingRules.length) {
    const models = root.models.filter((m) => m.profileId === profileId);
    for (const rule of defaultRulesFor(profileId, missingRules)) {
      const model = models.find((m) => m.licenseType === rule.licenseType);
      root.rules.push({ ...rule, modelId: model?.id, name: modelLabel({ product: descriptor.product, licenseType: rule.licenseType }) });
    }
  }
  restoreMappedRules(root, profileId);
}

/** A mapped identifier whose copied rule has gone missing gets it back from its model's rule. */
function restoreMappedRules(root: RootData, profileId: string): void {
  for (const u of root.unrecognized) {
    if (u.profileId !== profileId || u.resolution?.kind !== 'mapped') continue;
    if (root.rules.some((r) => r.profileId === profileId && r.licenseType === u.licenseType)) continue;
    const modelId = u.resolution.modelId;
    const model = root.models.find((m) => m.id === modelId && m.profileId === profileId);
    if (model) putMappedRule(root, model, u.licenseType);
  }
}
