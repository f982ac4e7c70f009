/**
 * The rule edit form as data: a draft of text fields (so a half-typed number is kept as
 * typed), its validation with the contract's bounds, and the patch of only what changed.
 * Pure, so the store, the component and the tests share one definition.
 */
import type { MethodInput, MethodOutput } from '../../types.js';

export type Rule = MethodOutput<'rules:list'>[number];
export type RulePatch = MethodInput<'rules:update'>['patch'];

/** The contract's bounds (preload/contract/reclamation.ts, rulePatchSchema). */
export const THRESHOLD_DAYS = { min: 1, max: 3650 } as const;
export const NOTICE_DAYS = { min: 0, max: 365 } as const;
/** Days after leaving before a leaver's seat is a candidate; 0 is at once. */
export const LEAVER_DAYS = { min: 0, max: 3650 } as const;
export const MAX_RULE_NAME = 200;

/**
 * After detection a seat is reclaimed either once someone approves it, or on its own. The
 * contract keeps two flags that main never lets both be true; the form shows one choice.
 */
export type ApprovalMode = 'approval' | 'automatic';

export interface RuleDraft {
  name: string;
  thresholdDays: string;
  notifyUser: boolean;
  daysBeforeAutoReclaim: string;
  approval: ApprovalMode;
  /** A sync may reclaim approved seats by itself (off unless turned on). */
  autoReclaim: boolean;
  enabled: boolean;
  /** The directory's leavers of this license type are candidates, whatever their activity. */
  leaversEnabled: boolean;
  leaverDays: string;
}

export type RuleDraftErrors = Partial<Record<'name' | 'thresholdDays' | 'daysBeforeAutoReclaim' | 'leaverDays', string>>;

export function approvalMode(rule: Pick<Rule, 'reclaimWithoutApproval'>): ApprovalMode {
  return rule.reclaimWithoutApproval ? 'automatic' : 'approval';
}

export function ruleDraft(rule: Rule): RuleDraft {
  return {
    name: rule.name,
    thresholdDays: String(rule.thresholdDays),
    notifyUser: rule.notifyUser,
    daysBeforeAutoReclaim: String(rule.daysBeforeAutoReclaim),
    approval: approvalMode(rule),
    autoReclaim: rule.autoReclaim,
    enabled: rule.enabled,
    leaversEnabled: rule.leaversEnabled,
    leaverDays: String(rule.leaverDays),
  };
}

/** A whole number typed as text, or null when it is not one ("", "1.5", "12a"). */
export function parseWholeNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isSafeInteger(value) ? value : null;
}

function daysError(text: string, bounds: { min: number; max: number }, what: string): string | undefined {
  const value = parseWholeNumber(text);
  if (text.trim() === '') return `Enter ${what}.`;
  if (value === null) return `Enter a whole number of days, from ${bounds.min} to ${bounds.max}.`;
  if (value < bounds.min || value > bounds.max) return `Choose from ${bounds.min} to ${bounds.max} days.`;
  return undefined;
}

export function validateRuleDraft(draft: RuleDraft): RuleDraftErrors {
  const errors: RuleDraftErrors = {};
  const name = draft.name.trim();
  if (name === '') errors.name = 'Give the rule a name.';
  else if (name.length > MAX_RULE_NAME) errors.name = `Keep the name to ${MAX_RULE_NAME} characters (it has ${name.length}).`;
  const threshold = daysError(draft.thresholdDays, THRESHOLD_DAYS, 'the days without activity');
  if (threshold) errors.thresholdDays = threshold;
  // The notice period only matters while users are notified; an untouched bad value elsewhere
  // would block a save for a field the person cannot see.
  if (draft.notifyUser) {
    const notice = daysError(draft.daysBeforeAutoReclaim, NOTICE_DAYS, 'the days of notice');
    if (notice) errors.daysBeforeAutoReclaim = notice;
  }
  // The same for the days after leaving: only while leavers are candidates at all.
  if (draft.leaversEnabled) {
    const after = daysError(draft.leaverDays, LEAVER_DAYS, 'the days after leaving (0 for at once)');
    if (after) errors.leaverDays = after;
  }
  return errors;
}

/** Only the fields the draft changes, in the contract's shape. Assumes a valid draft. */
export function rulePatch(rule: Rule, draft: RuleDraft): RulePatch {
  const patch: RulePatch = {};
  const name = draft.name.trim();
  if (name !== rule.name) patch.name = name;
  const threshold = parseWholeNumber(draft.thresholdDays);
  if (threshold !== null && threshold !== rule.thresholdDays) patch.thresholdDays = threshold;
  if (draft.notifyUser !== rule.notifyUser) patch.notifyUser = draft.notifyUser;
  if (draft.notifyUser) {
    const notice = parseWholeNumber(draft.daysBeforeAutoReclaim);
    if (notice !== null && notice !== rule.daysBeforeAutoReclaim) patch.daysBeforeAutoReclaim = notice;
  }
  if (draft.approval !== approvalMode(rule)) {
    // One flag is enough: main clears the other one (main/reclamation/rules.ts).
    if (draft.approval === 'automatic') patch.reclaimWithoutApproval = true;
    else patch.approvalRequired = true;
  }
  if (draft.autoReclaim !== rule.autoReclaim) patch.autoReclaim = draft.autoReclaim;
  if (draft.enabled !== rule.enabled) patch.enabled = draft.enabled;
  if (draft.leaversEnabled !== rule.leaversEnabled) patch.leaversEnabled = draft.leaversEnabled;
  if (draft.leaversEnabled) {
    const after = parseWholeNumber(draft.leaverDays);
    if (after !== null && after !== rule.leaverDays) patch.leaverDays = after;
  }
  return patch;
}
