/**
 * Reads a response body as JSON when it is JSON. Vendors behind proxies sometimes answer an
 * HTML error or maintenance page with status 200, so "is it JSON" is decided from the text,
 * not only from the content-type.
 */
export type ParsedBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  /** Claimed or looked like JSON but did not parse. */
  | { kind: 'invalid'; text: string };

export function parseBody(text: string, contentType: string | null): ParsedBody {
  if (text.trim() === '') return { kind: 'empty' };
  const claimsJson = /[/+]json\b/i.test(contentType ?? '');
  const trimmed = text.trimStart();
  const looksJson = trimmed.startsWith('{') || trimmed.startsWith('[');
  if (!claimsJson && !looksJson) return { kind: 'text', text };
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'invalid', text };
  }
}

/** What the caller and the vendor hooks see: the JSON value, the raw text, or undefined. */
export function bodyValue(parsed: ParsedBody): unknown {
  switch (parsed.kind) {
    case 'json':
      return parsed.value;
    case 'empty':
      return undefined;
    case 'text':
    case 'invalid':
      return parsed.text;
  }
}
