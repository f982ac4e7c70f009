/**
 * The software catalog of a profile: its software models and its unrecognized subscription
 * identifiers (license types the connector does not know), and how the admin resolves one.
 *
 * Semantics of `unrecognized:resolve` for identifier X of profile P:
 *   - mapped onto model M (a model of P whose own license type is recognised): X's seats are
 *     treated as M's. X gets a reclamation rule of its own, keyed (P, X), copied from M's rule
 *     (threshold, notice, days before auto-reclaim, approval, enabled), with `modelId = M.id`
 *     and the name "<M's rule name> (X)". Mapping again (onto M or another model) copies again.
 *     A model without a rule (a free model) gives X none either: its seats are never
 *     candidates, as M's are not. The copy is X's own afterwards: editing M's rule later does
 *     not change it (map again to copy again).
 *   - excluded with a reason: a license type exclusion of exactly X, scoped to P, added
 *     through ReclamationService.addExclusion (audited as `exclusion.added`). An exclusion of
 *     exactly X that P already has is taken over as it is, reason included.
 *   - none: undoes whichever was done: removes X's rule made by the mapping, or X's
 *     exclusion (audited as `exclusion.removed`).
 * Changing from one resolution to another undoes the first, then does the second. The
 * resolution is kept on the identifier (root.unrecognized), each change writes one audit event
 * (`catalog.mapped`, `catalog.excluded`, `catalog.cleared`) with the resolution and X's rule
 * before and after, then P's candidates are recomputed and `profiles:changed` is emitted.
 * Resolving to what X already has changes nothing and writes nothing.
 */
import type { ResolutionInput, SoftwareModelView, UnrecognizedIdentifierView } from '../../preload/contract.js';
import { conflict, invalid, notFound } from '../errors.js';
import type { EventBus } from '../events/bus.js';
import type { ReclamationService } from '../reclamation/service.js';
import type { ReclamationRule } from '../reclamation/types.js';
import type { ProfileRecord, RootData, SoftwareModel, UnrecognizedIdentifier } from '../store/schema.js';
import type { DataStore } from '../store/data-store.js';
import { dropMappedRule, mappedRule, modelRule, putMappedRule } from './mapped-rule.js';
import { identifierExclusion, modelLabel, toIdentifierView, toModelView, toResolutionView } from './views.js';

export const MAX_REASON_LENGTH = 500;

export interface CatalogDeps {
  store: DataStore;
  reclamation: ReclamationService;
  events: EventBus;
}

export interface ResolveInput {
  profileId: string;
  licenseType: string;
  resolution: ResolutionInput;
}

type Target = { kind: 'mapped'; model: SoftwareModel } | { kind: 'excluded'; reason: string } | { kind: 'none' };

const ACTION = { mapped: 'catalog.mapped', excluded: 'catalog.excluded', none: 'catalog.cleared' } as const;

export class CatalogService {
  constructor(private readonly deps: CatalogDeps) {}

  private get root(): Readonly<RootData> {
    return this.deps.store.root;
  }

  private requireProfile(idOrName: string): ProfileRecord {
    return this.deps.reclamation.requireProfile(idOrName);
  }

  models(profileId: string): SoftwareModelView[] {
    const profile = this.requireProfile(profileId);
    return this.root.models.filter((m) => m.profileId === profile.id).map((m) => toModelView(this.root, m));
  }

  unrecognized(profileId?: string): UnrecognizedIdentifierView[] {
    const id = profileId ? this.requireProfile(profileId).id : undefined;
    return this.root.unrecognized.filter((u) => !id || u.profileId === id).map((u) => toIdentifierView(this.root, u));
  }

  async resolve(input: ResolveInput): Promise<UnrecognizedIdentifierView> {
    const profile = this.requireProfile(input.profileId);
    const identifier = this.requireIdentifier(profile, input.licenseType);
    const licenseType = identifier.licenseType;
    const target = this.checkTarget(profile, identifier, input.resolution);
    const current = identifier.resolution;
    if (unchanged(this.root, identifier, target)) return toIdentifierView(this.root, identifier);

    const before = toResolutionView(this.root, identifier);
    const ruleBefore = this.ruleOf(profile.id, licenseType);
    const { reclamation, store } = this.deps;

    // Exclusions go through the reclamation service, so they are validated and audited as any other.
    if (current?.kind === 'excluded') {
      const old = identifierExclusion(this.root, profile.id, licenseType);
      if (old) await reclamation.removeExclusion(old.id);
    }
    if (target.kind === 'excluded' && !identifierExclusion(this.root, profile.id, licenseType)) {
      await reclamation.addExclusion({ kind: 'licenseType', pattern: licenseType, reason: target.reason, profileId: profile.id });
    }
    await store.update((root) => {
      const stored = root.unrecognized.find((u) => u.profileId === profile.id && u.licenseType === licenseType);
      if (!stored) return;
      if (current?.kind === 'mapped' && !(target.kind === 'mapped' && target.model.id === current.modelId)) {
        dropMappedRule(root, profile.id, licenseType, current.modelId);
      }
      if (target.kind === 'mapped') {
        putMappedRule(root, target.model, licenseType);
        stored.resolution = { kind: 'mapped', modelId: target.model.id };
      } else if (target.kind === 'excluded') stored.resolution = { kind: 'excluded' };
      else delete stored.resolution;
    });

    const after = this.requireIdentifier(profile, licenseType);
    await store.audit.append({
      action: ACTION[target.kind],
      profileId: profile.id,
      target: licenseType,
      before: { resolution: before, rule: ruleBefore ?? null },
      after: { resolution: toResolutionView(this.root, after), rule: this.ruleOf(profile.id, licenseType) ?? null },
    });
    const recomputed = await reclamation.recompute(profile.id);
    // recompute() announces the change itself; a profile with no download yet still changed.
    if (!recomputed) this.deps.events.emit('profiles:changed', { profileId: profile.id });
    return toIdentifierView(this.root, after);
  }

  private requireIdentifier(profile: ProfileRecord, licenseType: string): UnrecognizedIdentifier {
    const identifier = this.root.unrecognized.find((u) => u.profileId === profile.id && u.licenseType === licenseType);
    if (!identifier) throw notFound(`The unrecognized subscription identifier "${licenseType}" of ${profile.name}`);
    return identifier;
  }

  private ruleOf(profileId: string, licenseType: string): ReclamationRule | undefined {
    const rule = this.root.rules.find((r) => r.profileId === profileId && r.licenseType === licenseType);
    return rule ? { ...rule } : undefined;
  }

  /** Checks the wanted resolution against the profile's catalog before anything changes. */
  private checkTarget(profile: ProfileRecord, identifier: UnrecognizedIdentifier, resolution: ResolutionInput): Target {
    if (resolution.kind === 'none') return { kind: 'none' };
    if (resolution.kind === 'excluded') {
      const reason = resolution.reason.trim();
      if (!reason) throw invalid('Give a reason for excluding this identifier: it is kept with the exclusion and in the audit log.');
      if (reason.length > MAX_REASON_LENGTH) throw invalid(`The reason is ${reason.length} characters long; at most ${MAX_REASON_LENGTH} are allowed.`);
      if (/[*?]/.test(identifier.licenseType)) {
        throw invalid(`"${identifier.licenseType}" contains * or ?, which an exclusion reads as a wildcard; exclude it with a pattern from the Exclusions tab instead.`);
      }
      return { kind: 'excluded', reason };
    }
    const modelId = resolution.modelId;
    const model = this.root.models.find((m) => m.id === modelId);
    if (!model) {
      if (this.root.unrecognized.some((u) => u.profileId === profile.id && u.licenseType === modelId)) {
        throw invalid(`"${modelId}" is an unrecognized identifier, not a software model: map "${identifier.licenseType}" onto one of the software models of ${profile.name}.`);
      }
      throw notFound(`The software model "${modelId}"`);
    }
    if (model.profileId !== profile.id) {
      const owner = this.root.profiles.find((p) => p.id === model.profileId);
      throw invalid(`The software model "${modelLabel(model)}" belongs to ${owner ? owner.name : 'another integration'}; map "${identifier.licenseType}" onto a model of ${profile.name}.`);
    }
    if (model.licenseType === identifier.licenseType || this.root.unrecognized.some((u) => u.profileId === profile.id && u.licenseType === model.licenseType)) {
      throw conflict(`"${model.licenseType}" is itself an unrecognized license type; map "${identifier.licenseType}" onto a recognised software model.`);
    }
    return { kind: 'mapped', model };
  }
}

/** Whether the identifier already has exactly this resolution (then resolving is a no-op). */
function unchanged(root: Readonly<RootData>, identifier: UnrecognizedIdentifier, target: Target): boolean {
  const current = identifier.resolution;
  if (target.kind === 'none') return current === undefined;
  if (target.kind === 'mapped') {
    if (current?.kind !== 'mapped' || current.modelId !== target.model.id) return false;
    // Mapped onto the same model again: a no-op only while the copy still matches the model's rule.
    const rule = root.rules.find((r) => r.profileId === identifier.profileId && r.licenseType === identifier.licenseType);
    const source = modelRule(root, target.model);
    const expected = source ? mappedRule(source, target.model, identifier.licenseType, rule?.id) : undefined;
    return sameRule(rule, expected);
  }
  return current?.kind === 'excluded' && identifierExclusion(root, identifier.profileId, identifier.licenseType)?.reason === target.reason;
}

function sameRule(a: ReclamationRule | undefined, b: ReclamationRule | undefined): boolean {
  if (!a || !b) return a === b;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof ReclamationRule)[]);
  return [...keys].every((key) => a[key] === b[key]);
}
