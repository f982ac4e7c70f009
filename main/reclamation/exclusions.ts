/**
 * Exclusion patterns: validation, compilation (once per computation) and matching.
 *
 * A pattern is matched case-insensitively against a whole value: for `user` exclusions the
 * email and the vendor user id, for `licenseType` exclusions the license type. `*` matches
 * any run of characters (also none), `?` exactly one; a pattern without wildcards is an
 * exact match and goes into a Set, globs become one anchored RegExp each.
 */
import type { ExclusionKind, ExclusionRule } from './types.js';

export const MAX_PATTERN_LENGTH = 320;

export type PatternCheck = { ok: true; pattern: string } | { ok: false; message: string };

const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/** Whether `pattern` is usable for an exclusion of `kind`; on success, the pattern trimmed. */
export function validateExclusionPattern(kind: ExclusionKind, pattern: string): PatternCheck {
  const what = kind === 'user' ? 'user pattern' : 'license type pattern';
  if (typeof pattern !== 'string') return { ok: false, message: `The ${what} must be text.` };
  const trimmed = pattern.trim();
  if (trimmed === '') {
    return {
      ok: false,
      message:
        kind === 'user'
          ? 'Enter an email, a user id or a pattern such as *@contractor.example.'
          : 'Enter a license type or a pattern such as *Guest*.',
    };
  }
  if (trimmed.length > MAX_PATTERN_LENGTH) {
    return { ok: false, message: `The ${what} is ${trimmed.length} characters long; at most ${MAX_PATTERN_LENGTH} are allowed.` };
  }
  if (CONTROL_CHARS.test(trimmed)) {
    return { ok: false, message: `The ${what} contains a control character (tab, line break, ...); remove it.` };
  }
  if (/^[*?]+$/.test(trimmed)) {
    return {
      ok: false,
      message:
        kind === 'user'
          ? `"${trimmed}" would exclude every user. Exclude license types instead, or disable the rule.`
          : `"${trimmed}" would exclude every license type. Disable the rules or the profile's reclaim process instead.`,
    };
  }
  if (kind === 'user' && /\s/.test(trimmed)) {
    return { ok: false, message: `The user pattern "${trimmed}" contains a space; emails and user ids have none.` };
  }
  return { ok: true, pattern: trimmed };
}

export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/** The anchored, case-insensitive RegExp of a glob pattern. */
export function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (const ch of pattern.trim()) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  }
  // Collapse runs of `.*` so a pattern like `***` cannot cost more than one.
  source = source.replace(/(?:\.\*){2,}/g, '.*');
  return new RegExp(`^${source}$`, 'is');
}

/** Matches values against one kind of exclusion; build once, call per row. */
export interface PatternSet {
  /** The first rule whose pattern matches `value`, or undefined. */
  match(value: string): ExclusionRule | undefined;
  readonly size: number;
}

function compilePatternSet(rules: readonly ExclusionRule[]): PatternSet {
  const exact = new Map<string, ExclusionRule>();
  const globs: Array<{ re: RegExp; rule: ExclusionRule }> = [];
  for (const rule of rules) {
    const pattern = rule.pattern.trim();
    if (pattern === '') continue;
    if (hasWildcard(pattern)) globs.push({ re: globToRegExp(pattern), rule });
    else {
      const key = pattern.toLowerCase();
      if (!exact.has(key)) exact.set(key, rule);
    }
  }
  // Many globs: one alternation first, so a value that matches none costs one test.
  const any =
    globs.length > 4 ? new RegExp(`^(?:${globs.map((g) => `(?:${g.re.source.slice(1, -1)})`).join('|')})$`, 'is') : null;
  const size = exact.size + globs.length;
  return {
    size,
    match(value: string): ExclusionRule | undefined {
      if (size === 0 || value === '') return undefined;
      if (exact.size > 0) {
        // toLowerCase returns the same string when it is already lower case.
        const hit = exact.get(value) ?? exact.get(value.toLowerCase());
        if (hit !== undefined) return hit;
      }
      if (globs.length === 0 || (any !== null && !any.test(value))) return undefined;
      for (let i = 0; i < globs.length; i++) {
        const g = globs[i]!;
        if (g.re.test(value)) return g.rule;
      }
      return undefined;
    },
  };
}

export interface CompiledExclusions {
  /** The rule excluding this user (by email or vendor user id), if any. */
  user(email: string, userId: string): ExclusionRule | undefined;
  /** The rule excluding this license type, if any (memoised per license type). */
  licenseType(licenseType: string): ExclusionRule | undefined;
  readonly empty: boolean;
}

/** Compiles every exclusion once; the result is meant to be used for one computation. */
export function compileExclusions(rules: readonly ExclusionRule[]): CompiledExclusions {
  const users = compilePatternSet(rules.filter((r) => r.kind === 'user'));
  const types = compilePatternSet(rules.filter((r) => r.kind === 'licenseType'));
  const typeMemo = new Map<string, ExclusionRule | null>();
  return {
    empty: users.size === 0 && types.size === 0,
    user(email, userId) {
      if (users.size === 0) return undefined;
      return users.match(email) ?? (userId !== email ? users.match(userId) : undefined);
    },
    licenseType(licenseType) {
      if (types.size === 0) return undefined;
      let hit = typeMemo.get(licenseType);
      if (hit === undefined) {
        hit = types.match(licenseType) ?? null;
        typeMemo.set(licenseType, hit);
      }
      return hit ?? undefined;
    },
  };
}

/** Whether one exclusion rule covers a seat (for previews; use `compileExclusions` for many). */
export function exclusionMatches(
  rule: ExclusionRule,
  seat: { email: string; userId: string; licenseType: string },
): boolean {
  const set = compilePatternSet([rule]);
  return rule.kind === 'user'
    ? set.match(seat.email) !== undefined || set.match(seat.userId) !== undefined
    : set.match(seat.licenseType) !== undefined;
}
