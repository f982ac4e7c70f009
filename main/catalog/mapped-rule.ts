/**
 * The reclamation rule of a mapped identifier: a copy of its model's rule under the
 * identifier's own license type, so candidates (keyed by license type) pick its seats up.
 * Shared by the catalog service (at mapping time) and the sync's catalog update (which puts
 * the copy back if it has gone missing).
 */
import { ruleId } from '../reclamation/ids.js';
import type { ReclamationRule } from '../reclamation/types.js';
import type { RootData, SoftwareModel } from '../store/schema.js';

/** The model's own rule: the one of its profile and license type. */
export function modelRule(root: Readonly<RootData>, model: SoftwareModel): ReclamationRule | undefined {
  return root.rules.find((r) => r.profileId === model.profileId && r.licenseType === model.licenseType);
}

/** The rule `licenseType` gets when mapped onto `model`, copied from `source` (the model's rule). */
export function mappedRule(source: ReclamationRule, model: SoftwareModel, licenseType: string, id?: string): ReclamationRule {
  return {
    id: id ?? ruleId(model.profileId, licenseType),
    profileId: model.profileId,
    modelId: model.id,
    licenseType,
    name: `${source.name} (${licenseType})`,
    thresholdDays: source.thresholdDays,
    notifyUser: source.notifyUser,
    daysBeforeAutoReclaim: source.daysBeforeAutoReclaim,
    approvalRequired: source.approvalRequired,
    reclaimWithoutApproval: source.reclaimWithoutApproval,
    enabled: source.enabled,
  };
}

/**
 * Gives `licenseType` of the model's profile the rule copied from the model's rule, replacing
 * the one it has; without a model rule (a free model) the identifier gets none either.
 * Returns the rule before and after, for the audit log.
 */
export function putMappedRule(root: RootData, model: SoftwareModel, licenseType: string): { before?: ReclamationRule; after?: ReclamationRule } {
  const index = root.rules.findIndex((r) => r.profileId === model.profileId && r.licenseType === licenseType);
  const before = index >= 0 ? root.rules[index] : undefined;
  const source = modelRule(root, model);
  if (!source) {
    if (index >= 0) root.rules.splice(index, 1);
    return { before };
  }
  const after = mappedRule(source, model, licenseType, before?.id);
  if (index >= 0) root.rules[index] = after;
  else root.rules.push(after);
  return { before, after };
}

/** Removes the rule a mapping onto `modelId` gave `licenseType`; returns it. */
export function dropMappedRule(root: RootData, profileId: string, licenseType: string, modelId: string): ReclamationRule | undefined {
  const index = root.rules.findIndex((r) => r.profileId === profileId && r.licenseType === licenseType && r.modelId === modelId);
  if (index < 0) return undefined;
  return root.rules.splice(index, 1)[0];
}
