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

function hasControlChar(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

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
  if (hasControlChar(trimmed)) {
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

const ASCII_LITERAL = /^[\x20-\x7e]*$/;

/** Whether `value` ends (or starts) with the lower-case ASCII `lit`, ignoring ASCII case. */
function hasAffix(value: string, lit: string, atEnd: boolean): boolean {
  const n = lit.length;
  const off = atEnd ? value.length - n : 0;
  if (off < 0 || value.length < n) return false;
  for (let i = 0; i < n; i++) {
    let c = value.charCodeAt(off + i);
    if (c >= 65 && c <= 90) c |= 32;
    if (c !== lit.charCodeAt(i)) return false;
  }
  return true;
}

interface Glob {
  /** 1: `*literal`, 2: `literal*`, 0: anything else (RegExp). */
  shape: 0 | 1 | 2;
  literal: string;
  re: RegExp;
  rule: ExclusionRule;
}

function compileGlob(pattern: string, rule: ExclusionRule): Glob {
  const re = globToRegExp(pattern);
  const body = pattern.slice(1);
  const head = pattern.slice(0, -1);
  if (pattern.startsWith('*') && !hasWildcard(body) && ASCII_LITERAL.test(body)) {
    return { shape: 1, literal: body.toLowerCase(), re, rule };
  }
  if (pattern.endsWith('*') && !hasWildcard(head) && ASCII_LITERAL.test(head)) {
    return { shape: 2, literal: head.toLowerCase(), re, rule };
  }
  return { shape: 0, literal: '', re, rule };
}

function globMatches(g: Glob, value: string): boolean {
  return g.shape === 1 ? hasAffix(value, g.literal, true) : g.shape === 2 ? hasAffix(value, g.literal, false) : g.re.test(value);
}

function compilePatternSet(rules: readonly ExclusionRule[]): PatternSet {
  const exact = new Map<string, ExclusionRule>();
  const globs: Glob[] = [];
  for (const rule of rules) {
    const pattern = rule.pattern.trim();
    if (pattern === '') continue;
    if (hasWildcard(pattern)) globs.push(compileGlob(pattern, rule));
    else {
      const key = pattern.toLowerCase();
      if (!exact.has(key)) exact.set(key, rule);
    }
  }
  // Many globs: one alternation first, so a value that matches none costs one test.
  const any =
    globs.length > 8 ? new RegExp(`^(?:${globs.map((g) => `(?:${g.re.source.slice(1, -1)})`).join('|')})$`, 'is') : null;
  const size = exact.size + globs.length;
  return {
    size,
    match(value: string): ExclusionRule | undefined {
      if (size === 0 || value === '') return undefined;
      if (exact.size > 0) {
        const hit = exact.get(value);
        if (hit !== undefined) return hit;
        // toLowerCase returns the very same string when it is already lower case.
        const lower = value.toLowerCase();
        if (lower !== value) {
          const low = exact.get(lower);
          if (low !== undefined) return low;
        }
      }
      if (globs.length === 0 || (any !== null && !any.test(value))) return undefined;
      for (let i = 0; i < globs.length; i++) {
        const g = globs[i]!;
        if (globMatches(g, value)) return g.rule;
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
