/**
 * Dotted paths into a JSON item, as the custom configuration writes them:
 * `name.formatted`, `emails[0].value`, `emails[primary eq true].value`, `roles[type eq "seat"].value`.
 * A filter on an array keeps the first element that matches (SCIM's "primary" style).
 */

interface Segment {
  key?: string;
  index?: number;
  filter?: { attr: string; value: string | number | boolean | null };
}

const SEGMENT = /^([^[\]]*)(?:\[(.+)\])?$/;
const FILTER = /^\s*([\w.$-]+)\s+eq\s+(.+?)\s*$/i;

const cache = new Map<string, Segment[] | null>();

/** Splits on dots outside brackets and quotes. */
function split(path: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = false;
  let current = '';
  for (const ch of path) {
    if (ch === '"') quote = !quote;
    else if (!quote && ch === '[') depth += 1;
    else if (!quote && ch === ']') depth -= 1;
    if (ch === '.' && depth === 0 && !quote) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

function literal(raw: string): string | number | boolean | null {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (raw === 'null') return null;
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  const quoted = /^"(.*)"$/.exec(raw) ?? /^'(.*)'$/.exec(raw);
  return quoted ? (quoted[1] ?? '') : raw;
}

/** Parses a path; null when it cannot be read (the config schema reports it). */
export function parsePath(path: string): Segment[] | null {
  const hit = cache.get(path);
  if (hit !== undefined) return hit;
  const segments: Segment[] = [];
  let ok = path.trim() !== '';
  for (const part of ok ? split(path.trim()) : []) {
    const m = SEGMENT.exec(part);
    if (!m) {
      ok = false;
      break;
    }
    const key = m[1] === '' ? undefined : m[1];
    const inner = m[2];
    if (inner === undefined) {
      if (key === undefined) ok = false;
      segments.push({ key });
      continue;
    }
    if (/^\d+$/.test(inner.trim())) {
      segments.push({ key, index: Number(inner.trim()) });
      continue;
    }
    const f = FILTER.exec(inner);
    if (!f || !f[1] || f[2] === undefined) {
      ok = false;
      break;
    }
    segments.push({ key, filter: { attr: f[1], value: literal(f[2]) } });
  }
  const result = ok ? segments : null;
  cache.set(path, result);
  return result;
}

export function isValidPath(path: string): boolean {
  return parsePath(path) !== null;
}

/** The value at `path` in `data`, or undefined when any step is missing. */
export function getPath(data: unknown, path: string): unknown {
  const segments = parsePath(path);
  if (!segments) return undefined;
  let value: unknown = data;
  for (const seg of segments) {
    if (seg.key !== undefined) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
      value = (value as Record<string, unknown>)[seg.key];
    }
    if (seg.index !== undefined) {
      if (!Array.isArray(value)) return undefined;
      value = value[seg.index];
    } else if (seg.filter) {
      if (!Array.isArray(value)) return undefined;
      const { attr, value: want } = seg.filter;
      value = value.find((el) => {
        const got = getPath(el, attr);
        // "primary eq true" also matches the string "true" some servers send.
        return got === want || (got !== undefined && got !== null && String(got) === String(want));
      });
    }
    if (value === undefined) return undefined;
  }
  return value;
}

/** The first of `paths` with a non-empty value. */
export function firstValue(data: unknown, paths: string | string[] | undefined): unknown {
  if (paths === undefined) return undefined;
  for (const path of Array.isArray(paths) ? paths : [paths]) {
    const value = getPath(data, path);
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}
