/**
 * The cheaper SKU the admin names for each SKU (settings.options.downgrades), e.g.
 * "SPE_E5=SPE_E3, ENTERPRISEPREMIUM=ENTERPRISEPACK": Microsoft has no notion of a "lower tier"
 * of a license, so Seatwise offers only the moves the admin wrote down.
 */
import { ConnectorError } from '../http/errors.js';

const PART = /^[A-Za-z0-9_.+-]{1,100}$/;

export type Downgrades = ReadonlyMap<string, readonly string[]>;

/** Throws ConnectorError ('config') naming the entry it cannot read. */
export function parseDowngrades(raw: string | undefined): Downgrades {
  const out = new Map<string, string[]>();
  for (const entry of (raw ?? '').split(/[,;\n]/)) {
    const text = entry.trim();
    if (!text) continue;
    const match = /^([^=>\s]+)\s*(?:=|->|>)\s*([^=>\s]+)$/.exec(text);
    const from = match?.[1];
    const to = match?.[2];
    if (!from || !to || !PART.test(from) || !PART.test(to) || from === to) {
      throw new ConnectorError(
        'config',
        `The Microsoft 365 downgrade "${text.slice(0, 80)}" is not FROM=TO with two different SKU part numbers, e.g. SPE_E5=SPE_E3. Fix it under Downgrades in the connection settings.`,
      );
    }
    const targets = out.get(from) ?? [];
    if (!targets.includes(to)) targets.push(to);
    out.set(from, targets);
  }
  return out;
}
