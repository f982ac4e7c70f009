/**
 * Salesforce-shaped record ids for the simulator: a 3-character key prefix (005 User, 00D
 * Organization, 100 UserLicense, ...), a 2-character pod, a base-62 serial, and the
 * 3-character case-safe suffix, so the ids look and check like real 18-character ids.
 */
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

function base62(n: number, width: number): string {
  let out = '';
  let rest = Math.floor(n);
  for (let i = 0; i < width; i++) {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out;
}

/** The 18-character id for a 15-character one: one letter per 5 characters, flagging capitals. */
export function caseSafeId(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let flags = 0;
    for (let j = 0; j < 5; j++) {
      const ch = id15.charAt(chunk * 5 + j);
      if (ch >= 'A' && ch <= 'Z') flags |= 1 << j;
    }
    suffix += SUFFIX.charAt(flags);
  }
  return id15 + suffix;
}

/** prefix (3) + pod (2) + serial (10) = 15 characters, plus the case-safe suffix. */
export function salesforceId(prefix: string, pod: number, serial: number): string {
  return caseSafeId(`${prefix}${base62(pod, 2)}${base62(serial, 10)}`);
}
