/**
 * Okta's filter expressions (SCIM-style: `status eq "ACTIVE" or (eventType eq "x" and
 * target.id eq "y")`) as the simulator evaluates them. Operators are case-insensitive,
 * attribute names and values case-sensitive; an attribute whose value is an array (the System
 * Log's `target`) matches when any element does. Each endpoint says which attributes and
 * operators it accepts; anything else is Okta's 400.
 */
import { OktaFault } from './state.js';

export type FilterOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'sw' | 'co' | 'pr';
const OPS = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'sw', 'co', 'pr']);

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'cmp'; attr: string; op: FilterOp; value?: string | number | boolean | null };

/** Returns a reason when the endpoint does not accept this attribute with this operator. */
export type FilterRule = (attr: string, op: FilterOp) => string | undefined;

type Token = { t: 'word' | 'string' | '(' | ')'; v: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      i += 1;
    } else if (ch === '(' || ch === ')') {
      tokens.push({ t: ch, v: ch });
      i += 1;
    } else if (ch === '"') {
      let value = '';
      i += 1;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) i += 1;
        value += text[i];
        i += 1;
      }
      if (i >= text.length) throw new Error('unterminated string');
      i += 1;
      tokens.push({ t: 'string', v: value });
    } else {
      let word = '';
      while (i < text.length && !/[\s()"]/.test(text[i] as string)) word += text[i++];
      tokens.push({ t: 'word', v: word });
    }
  }
  return tokens;
}

export function parseFilter(text: string, rule: FilterRule, param = 'filter'): FilterNode {
  let tokens: Token[];
  try {
    tokens = tokenize(text);
  } catch {
    throw invalid(param, `Invalid ${param} expression: unterminated string.`);
  }
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const keyword = (word: string): boolean => peek()?.t === 'word' && peek()?.v.toLowerCase() === word;

  function expr(): FilterNode {
    let left = term();
    while (keyword('or')) {
      pos += 1;
      left = { kind: 'or', left, right: term() };
    }
    return left;
  }
  function term(): FilterNode {
    let left = factor();
    while (keyword('and')) {
      pos += 1;
      left = { kind: 'and', left, right: factor() };
    }
    return left;
  }
  function factor(): FilterNode {
    const tok = peek();
    if (!tok) throw invalid(param, `Invalid ${param} expression: it ends too early.`);
    if (tok.t === '(') {
      pos += 1;
      const inner = expr();
      if (peek()?.t !== ')') throw invalid(param, `Invalid ${param} expression: a parenthesis is not closed.`);
      pos += 1;
      return inner;
    }
    if (tok.t !== 'word') throw invalid(param, `Invalid ${param} expression near "${tok.v}".`);
    pos += 1;
    const opTok = peek();
    const op = opTok?.t === 'word' ? opTok.v.toLowerCase() : '';
    if (!OPS.has(op)) throw invalid(param, `Invalid ${param} expression: "${opTok?.v ?? ''}" is not an operator.`);
    pos += 1;
    const refused = rule(tok.v, op as FilterOp);
    if (refused) throw invalid(param, refused);
    if (op === 'pr') return { kind: 'cmp', attr: tok.v, op: 'pr' };
    const valueTok = peek();
    if (!valueTok || valueTok.t === '(' || valueTok.t === ')') throw invalid(param, `Invalid ${param} expression: "${tok.v} ${op}" has no value.`);
    pos += 1;
    return { kind: 'cmp', attr: tok.v, op: op as FilterOp, value: literal(valueTok) };
  }

  const node = expr();
  if (pos !== tokens.length) throw invalid(param, `Invalid ${param} expression near "${tokens[pos]?.v ?? ''}".`);
  return node;
}

function literal(tok: Token): string | number | boolean | null {
  if (tok.t === 'string') return tok.v;
  if (tok.v === 'true') return true;
  if (tok.v === 'false') return false;
  if (tok.v === 'null') return null;
  const n = Number(tok.v);
  return Number.isFinite(n) ? n : tok.v;
}

function invalid(param: string, cause: string): OktaFault {
  return new OktaFault(400, `Api validation failed: ${param}`, [cause]);
}

/** The value(s) at a dotted path; through arrays, every element's value. */
function valuesAt(record: unknown, path: string): unknown[] {
  let current: unknown[] = [record];
  for (const key of path.split('.')) {
    const next: unknown[] = [];
    for (const value of current) {
      const items = Array.isArray(value) ? value : [value];
      for (const item of items) {
        if (item !== null && typeof item === 'object' && key in item) next.push((item as Record<string, unknown>)[key]);
      }
    }
    current = next;
  }
  return current.flatMap((v) => (Array.isArray(v) ? v : [v]));
}

function compare(actual: unknown, op: FilterOp, expected: string | number | boolean | null | undefined): boolean {
  if (op === 'pr') return actual !== null && actual !== undefined;
  if (op === 'eq') return actual === expected;
  if (op === 'ne') return actual !== expected;
  if (typeof actual !== 'string' && typeof actual !== 'number') return false;
  if (op === 'sw') return typeof actual === 'string' && typeof expected === 'string' && actual.startsWith(expected);
  if (op === 'co') return typeof actual === 'string' && typeof expected === 'string' && actual.includes(expected);
  // Instants compare by time, so "2024-01-01T00:00:00Z" and "...00.000Z" agree.
  const a = typeof actual === 'string' && !Number.isNaN(Date.parse(actual)) ? Date.parse(actual) : actual;
  const b = typeof expected === 'string' && !Number.isNaN(Date.parse(expected)) ? Date.parse(expected) : expected;
  if (a === null || b === null || b === undefined || typeof b === 'boolean') return false;
  switch (op) {
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
  }
}

export function matches(node: FilterNode, record: unknown): boolean {
  switch (node.kind) {
    case 'and':
      return matches(node.left, record) && matches(node.right, record);
    case 'or':
      return matches(node.left, record) || matches(node.right, record);
    case 'cmp': {
      const values = valuesAt(record, node.attr);
      if (node.op === 'ne') return values.every((v) => compare(v, 'ne', node.value));
      return values.some((v) => compare(v, node.op, node.value));
    }
  }
}
