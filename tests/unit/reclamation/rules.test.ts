import { describe, expect, it } from 'vitest';
import { AppError } from '../../../main/errors.js';
import { applyRuleChange, defaultRulesFor } from '../../../main/reclamation/rules.js';
import { rule } from './fixtures.js';

describe('defaultRulesFor', () => {
  it('creates one enabled 60-day rule per paid license type, with stable ids', () => {
    const rules = defaultRulesFor('p1', [
      { licenseType: 'Business', paid: true, modelId: 'm1' },
      { licenseType: 'Guest', paid: false },
      'Enterprise',
      'Business',
    ], { namePrefix: 'Asana' });
    expect(rules.map((r) => [r.licenseType, r.name, r.thresholdDays, r.enabled, r.approvalRequired])).toEqual([
      ['Business', 'Asana Business', 60, true, true],
      ['Enterprise', 'Asana Enterprise', 60, true, true],
    ]);
    expect(rules[0]!.modelId).toBe('m1');
    expect(defaultRulesFor('p1', ['Business'])[0]!.id).toBe(rules[0]!.id);
    expect(defaultRulesFor('p2', ['Business'])[0]!.id).not.toBe(rules[0]!.id);
  });

  it('adds rules only for license types not covered yet', () => {
    const existing = defaultRulesFor('p1', ['Business']);
    expect(defaultRulesFor('p1', ['Business', 'Premium'], { existing }).map((r) => r.licenseType)).toEqual(['Premium']);
  });
});

describe('applyRuleChange', () => {
  it('returns the new rule, the changes for the audit log and whether to recompute', () => {
    const before = rule();
    const r = applyRuleChange(before, { thresholdDays: 90, name: '  Longer  ' });
    expect(r.rule).toMatchObject({ thresholdDays: 90, name: 'Longer' });
    expect(before.thresholdDays).toBe(60);
    expect(r.changes).toEqual([
      { field: 'name', from: 'Asana Business', to: 'Longer' },
      { field: 'thresholdDays', from: 60, to: 90 },
    ]);
    expect(r.recompute).toBe(true);
    expect(applyRuleChange(before, { thresholdDays: 60 }).changes).toEqual([]);
    expect(applyRuleChange(before, { approvalRequired: false }).recompute).toBe(false);
  });

  it('keeps approval settings consistent', () => {
    expect(applyRuleChange(rule(), { reclaimWithoutApproval: true }).rule).toMatchObject({ reclaimWithoutApproval: true, approvalRequired: false });
    expect(applyRuleChange(rule({ approvalRequired: false, reclaimWithoutApproval: true }), { approvalRequired: true }).rule).toMatchObject({
      reclaimWithoutApproval: false,
      approvalRequired: true,
    });
    expect(() => applyRuleChange(rule(), { approvalRequired: true, reclaimWithoutApproval: true })).toThrow(/choose one/);
  });

  it('refuses bad values and fields that cannot change', () => {
    for (const change of [{ thresholdDays: 0 }, { thresholdDays: 1.5 }, { thresholdDays: 5000 }, { daysBeforeAutoReclaim: -1 }, { name: ' ' }, { enabled: 'yes' }]) {
      expect(() => applyRuleChange(rule(), change as never)).toThrow(AppError);
    }
    expect(() => applyRuleChange(rule(), { licenseType: 'Other' } as never)).toThrow(/cannot be changed/);
  });
});
