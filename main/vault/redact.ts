/**
 * Defence in depth: every secret the vault reads or writes is remembered here (in memory
 * only), and every string that leaves the process through an error, a log line or a
 * response is passed through `redact`. A secret that slipped into a vendor error message
 * is replaced before anyone sees it.
 */
const known = new Set<string>();
const MIN_LENGTH = 6;

export function rememberSecret(value: string | undefined | null): void {
  if (value && value.length >= MIN_LENGTH) known.add(value);
}

export function forgetSecret(value: string | undefined | null): void {
  if (value) known.delete(value);
}

export function redact(text: string): string {
  let out = text;
  for (const secret of known) {
    if (out.includes(secret)) out = out.split(secret).join('[redacted]');
  }
  // Bearer tokens and key=value credentials that were never stored (e.g. echoed by a vendor).
  return out
    .replace(/(bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, '$1[redacted]')
    .replace(/((?:access_token|refresh_token|client_secret|api_key|password|code_verifier)["']?\s*[:=]\s*["']?)[^"'&\s,}]+/gi, '$1[redacted]');
}
