/** What one seat saves: the price for a removal, the price difference for a downgrade, never a guess. */
import { describe, expect, it } from 'vitest';
import { indexSeatPrices, seatSaving, totalSavings } from '../../../main/reclamation/costs.js';
import type { Entitlement } from '../../../main/reclamation/types.js';

const e = (licenseType: string, unitCost: number, extra: Partial<Entitlement> = {}): Entitlement => ({
  profileId: 'p1',
  licenseType,
  owned: null,
  unitCost,
  currency: 'USD',
  period: 'month',
  ...extra,
});
const prices = (...list: Entitlement[]) => indexSeatPrices(list).get('p1');

describe('seatSaving', () => {
  it('a downgrade saves the difference, a removal the whole price, a freeze nothing', () => {
    const p = prices(e('E5', 57), e('E3', 36));
    expect(seatSaving({ prices: p, licenseType: 'E5', action: 'downgrade', downgradeTo: 'E3' })).toEqual({ monthly: 21, currency: 'USD' });
    expect(seatSaving({ prices: p, licenseType: 'E5', action: 'remove' })).toEqual({ monthly: 57, currency: 'USD' });
    expect(seatSaving({ prices: p, licenseType: 'E5', action: 'freeze' }).monthly).toBe(0);
  });

  it('yearly prices are compared per month; a dearer "cheaper" tier saves 0, never a negative amount', () => {
    const p = prices(e('Pro', 240, { period: 'year' }), e('Lite', 12), e('Odd', 30));
    expect(seatSaving({ prices: p, licenseType: 'Pro', action: 'downgrade', downgradeTo: 'Lite' }).monthly).toBe(8);
    expect(seatSaving({ prices: p, licenseType: 'Pro', action: 'downgrade', downgradeTo: 'Odd' }).monthly).toBe(0);
  });

  it('an unpriced target makes the saving unknown; a free tier of the vendor saves the whole price', () => {
    const p = prices(e('Licensed', 13.33));
    expect(seatSaving({ prices: p, licenseType: 'Licensed', action: 'downgrade', downgradeTo: 'Pro Lite' })).toEqual({ monthly: null, currency: null, note: 'set a unit cost for Pro Lite' });
    expect(seatSaving({ prices: p, licenseType: 'Licensed', action: 'downgrade', downgradeTo: 'Basic', freeTiers: new Set(['Basic']) })).toEqual({ monthly: 13.33, currency: 'USD' });
    expect(seatSaving({ prices: p, licenseType: 'Licensed', action: 'downgrade' }).monthly).toBeNull();
    expect(seatSaving({ prices: undefined, licenseType: 'Licensed', action: 'remove' })).toMatchObject({ monthly: null, note: 'set a unit cost for Licensed' });
  });

  it('a target whose only "price" is the 0 a sync wrote with the owned count is unpriced, and currencies must match', () => {
    const vendorRow = prices(e('Salesforce', 165), e('Salesforce Platform', 0, { ownedFromVendor: true }));
    expect(seatSaving({ prices: vendorRow, licenseType: 'Salesforce', action: 'downgrade', downgradeTo: 'Salesforce Platform' })).toMatchObject({
      monthly: null,
      note: 'set a unit cost for Salesforce Platform',
    });
    const mixed = prices(e('A', 10), e('B', 5, { currency: 'EUR' }));
    expect(seatSaving({ prices: mixed, licenseType: 'A', action: 'downgrade', downgradeTo: 'B' }).monthly).toBeNull();
  });

  it('totals per currency, counting unknown savings apart', () => {
    expect(
      totalSavings([
        { monthly: 21, currency: 'USD' },
        { monthly: 0.1, currency: 'USD' },
        { monthly: null, currency: null, note: 'set a unit cost for E3' },
        { monthly: 5, currency: 'EUR' },
      ]),
    ).toEqual({ savings: [{ currency: 'EUR', monthly: 5 }, { currency: 'USD', monthly: 21.1 }], unknownSavings: 1 });
  });
});
