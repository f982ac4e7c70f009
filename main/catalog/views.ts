/**
 * What the catalog methods return, built from the root data alone (no snapshot is read):
 * seat counts come from the profile's stats, which every sync and recompute refresh.
 */
import type { IdentifierResolutionView, SoftwareModelView, UnrecognizedIdentifierView } from '../../preload/contract.js';
import type { RootData, SoftwareModel, UnrecognizedIdentifier } from '../store/schema.js';
import { modelRule } from './mapped-rule.js';

/** Active seats of one license type in the profile's last download; 0 when it had none. */
export function activeSeats(root: Readonly<RootData>, profileId: string, licenseType: string): number {
  const profile = root.profiles.find((p) => p.id === profileId);
  return profile?.stats.licenseTypes.find((t) => t.name === licenseType)?.seats ?? 0;
}

/**
 * "Calendly seat (user)", not "Calendly Calendly seat (user)"; "Salesforce Platform", not
 * "Salesforce CRM Salesforce Platform": the product only when the type does not already start
 * with its brand (the product's first word).
 */
export function modelLabel(model: Pick<SoftwareModel, 'product' | 'licenseType'>): string {
  const brand = model.product.split(' ')[0]?.toLowerCase() ?? '';
  return brand && model.licenseType.toLowerCase().startsWith(brand) ? model.licenseType : `${model.product} ${model.licenseType}`;
}

/** The profile-scoped license type exclusion that excludes exactly this identifier, if any. */
export function identifierExclusion(root: Readonly<RootData>, profileId: string, licenseType: string): RootData['exclusions'][number] | undefined {
  const wanted = licenseType.toLowerCase();
  return root.exclusions.find((e) => e.kind === 'licenseType' && e.profileId === profileId && e.pattern.toLowerCase() === wanted);
}

export function toModelView(root: Readonly<RootData>, model: SoftwareModel): SoftwareModelView {
  const rule = modelRule(root, model);
  const view: SoftwareModelView = {
    id: model.id,
    profileId: model.profileId,
    publisher: model.publisher,
    product: model.product,
    licenseType: model.licenseType,
    paid: model.paid,
    seats: activeSeats(root, model.profileId, model.licenseType),
    mappedIdentifiers: root.unrecognized
      .filter((u) => u.profileId === model.profileId && u.resolution?.kind === 'mapped' && u.resolution.modelId === model.id)
      .map((u) => u.licenseType),
    createdAt: model.createdAt,
  };
  if (rule) {
    view.ruleId = rule.id;
    view.ruleName = rule.name;
  }
  return view;
}

export function toResolutionView(root: Readonly<RootData>, identifier: UnrecognizedIdentifier): IdentifierResolutionView | null {
  const resolution = identifier.resolution;
  if (!resolution) return null;
  if (resolution.kind === 'mapped') {
    const model = root.models.find((m) => m.id === resolution.modelId);
    return { kind: 'mapped', modelId: resolution.modelId, modelLabel: model ? modelLabel(model) : resolution.modelId };
  }
  // The reason lives on the exclusion; one removed from the Exclusions tab leaves none to show.
  const exclusion = identifierExclusion(root, identifier.profileId, identifier.licenseType);
  return { kind: 'excluded', reason: exclusion?.reason ?? 'The exclusion was removed; clear this and decide again.' };
}

export function toIdentifierView(root: Readonly<RootData>, identifier: UnrecognizedIdentifier): UnrecognizedIdentifierView {
  return {
    profileId: identifier.profileId,
    licenseType: identifier.licenseType,
    seats: activeSeats(root, identifier.profileId, identifier.licenseType),
    firstSeenAt: identifier.firstSeenAt,
    resolution: toResolutionView(root, identifier),
  };
}
