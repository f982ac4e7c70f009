/**
 * The add-exclusion form as data, validated the way main validates it
 * (main/reclamation/exclusions.ts), so most mistakes show beside the field before a call.
 */
import type { ExclusionInput } from './exclusions-store.js';

export type ExclusionKind = ExclusionInput['kind'];
export type ExclusionScope = 'profile' | 'global';

/** The select's entry that reveals the free-text pattern for a license type. */
export const OTHER_LICENSE_TYPE = '__other__';

export const MAX_PATTERN = 320;
export const MAX_REASON = 500;

export interface ExclusionDraft {
  kind: ExclusionKind;
  /** User: the email, id or pattern. License type: the chosen type, or OTHER_LICENSE_TYPE. */
  userPattern: string;
  licenseType: string;
  licensePattern: string;
  reason: string;
  scope: ExclusionScope;
}

export type ExclusionDraftErrors = Partial<Record<'pattern' | 'reason', string>>;

export function emptyExclusionDraft(licenseTypes: readonly string[]): ExclusionDraft {
  return { kind: 'user', userPattern: '', licenseType: licenseTypes[0] ?? OTHER_LICENSE_TYPE, licensePattern: '', reason: '', scope: 'profile' };
}

/** The pattern the draft stands for, trimmed. */
export function draftPattern(draft: ExclusionDraft): string {
  if (draft.kind === 'user') return draft.userPattern.trim();
  return (draft.licenseType === OTHER_LICENSE_TYPE ? draft.licensePattern : draft.licenseType).trim();
}

export function validateExclusionDraft(draft: ExclusionDraft): ExclusionDraftErrors {
  const errors: ExclusionDraftErrors = {};
  const pattern = draftPattern(draft);
  const user = draft.kind === 'user';
  if (pattern === '') {
    errors.pattern = user ? 'Enter an email, a user id or a pattern such as *@contractor.example.' : 'Enter a license type or a pattern such as *Guest*.';
  } else if (pattern.length > MAX_PATTERN) {
    errors.pattern = `Keep the pattern to ${MAX_PATTERN} characters (it has ${pattern.length}).`;
  } else if (/^[*?]+$/.test(pattern)) {
    errors.pattern = user
      ? `"${pattern}" would exclude every user. Exclude a license type instead, or turn the rule off.`
      : `"${pattern}" would exclude every license type. Turn the rules off instead.`;
  } else if (user && /\s/.test(pattern)) {
    errors.pattern = 'Emails and user ids have no spaces.';
  }
  const reason = draft.reason.trim();
  if (reason === '') errors.reason = 'Say why, for whoever reads the audit log later.';
  else if (reason.length > MAX_REASON) errors.reason = `Keep the reason to ${MAX_REASON} characters (it has ${reason.length}).`;
  return errors;
}

export function exclusionInput(draft: ExclusionDraft, profileId: string): ExclusionInput {
  return {
    kind: draft.kind,
    pattern: draftPattern(draft),
    reason: draft.reason.trim(),
    ...(draft.scope === 'profile' ? { profileId } : {}),
  };
}
