/**
 * Stable, short ids derived from the parts that identify a record, so the same seat gets the
 * same candidate id on every recompute (and the CLI can name it). 64-bit, non-cryptographic.
 */

const HEX = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/** 16 lower-case hex digits of two 32-bit numbers, in one allocation. */
function hex16(a: number, b: number): string {
  const x = HEX;
  return String.fromCharCode(
    x[a >>> 28]!, x[(a >>> 24) & 15]!, x[(a >>> 20) & 15]!, x[(a >>> 16) & 15]!,
    x[(a >>> 12) & 15]!, x[(a >>> 8) & 15]!, x[(a >>> 4) & 15]!, x[a & 15]!,
    x[b >>> 28]!, x[(b >>> 24) & 15]!, x[(b >>> 20) & 15]!, x[(b >>> 16) & 15]!,
    x[(b >>> 12) & 15]!, x[(b >>> 8) & 15]!, x[(b >>> 4) & 15]!, x[b & 15]!,
  );
}

/** 64-bit hash (two multiplicative lanes) of the parts, unambiguous about where each part ends. */
export function hashParts(a: string, b = '', c = '', d = ''): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let p = 0; p < 4; p++) {
    const s = p === 0 ? a : p === 1 ? b : p === 2 ? c : d;
    for (let i = 0; i < s.length; i++) {
      const ch = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    // The part's length, outside the UTF-16 range, ends the part.
    const end = 0x10000 + s.length;
    h1 = Math.imul(h1 ^ end, 2654435761);
    h2 = Math.imul(h2 ^ end, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return hex16(h2 >>> 0, h1 >>> 0);
}

/** The candidate id of one seat: `c-` and 16 hex digits. */
export function candidateId(profileId: string, orgId: string, userId: string, licenseType: string): string {
  return 'c-' + hashParts(profileId, orgId, userId, licenseType);
}

/** The id of the generated rule for one license type of a profile: `r-` and 16 hex digits. */
export function ruleId(profileId: string, licenseType: string): string {
  return 'r-' + hashParts(profileId, licenseType);
}
