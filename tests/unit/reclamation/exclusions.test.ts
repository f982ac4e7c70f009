import { describe, expect, it } from 'vitest';
import { compileExclusions, exclusionMatches, globToRegExp, validateExclusionPattern } from '../../../main/reclamation/exclusions.js';
import { exclusion } from './fixtures.js';

describe('exclusion patterns', () => {
  it('globs match whole values, case-insensitively, with regex characters taken literally', () => {
    const re = globToRegExp('*@contractor.example');
    expect(re.test('ANA@Contractor.Example')).toBe(true);
    expect(re.test('ana@contractorXexample')).toBe(false);
    expect(re.test('ana@contractor.example.org')).toBe(false);
    expect(globToRegExp('user?@a+b.example').test('user7@a+b.example')).toBe(true);
    expect(globToRegExp('(x)[y]*').test('(x)[y]z')).toBe(true);
  });

  it('prefix, suffix and other shapes give the same answers as their RegExp', () => {
    const patterns = ['*@contractor.example', 'svc-*', '*@Ünïcode.example', 'a*b', '*mid*', '??@x.example'];
    const values = ['ana@contractor.example', 'ANA@CONTRACTOR.EXAMPLE', 'svc-backup', 'SVC-', 'svc', 'x@ünïcode.example', 'X@ÜNÏCODE.EXAMPLE', 'ab', 'a-b', 'amidz', 'ab@x.example', 'a@x.example', ''];
    for (const pattern of patterns) {
      const x = compileExclusions([exclusion('user', pattern)]);
      for (const value of values) {
        expect(x.user(value, '') !== undefined, `${pattern} vs ${value}`).toBe(value !== '' && globToRegExp(pattern).test(value));
      }
    }
  });

  it('compiles exact values and globs once and says which rule matched', () => {
    const rules = [
      exclusion('user', 'Boss@Example.com', 'ceo'),
      exclusion('user', 'svc-*', 'service accounts'),
      exclusion('licenseType', '*Guest*', 'guests'),
      ...Array.from({ length: 10 }, (_, i) => exclusion('user', `team${i}-*@example.com`)),
    ];
    const x = compileExclusions(rules);
    expect(x.user('boss@example.com', 'u1')?.reason).toBe('ceo');
    expect(x.user('robot@example.com', 'SVC-backup')?.reason).toBe('service accounts');
    expect(x.user('team7-ana@example.com', 'u2')?.pattern).toBe('team7-*@example.com');
    expect(x.user('ana@example.com', 'u3')).toBeUndefined();
    expect(x.licenseType('Asana guest')?.reason).toBe('guests');
    expect(x.licenseType('Business')).toBeUndefined();
    expect(compileExclusions([]).empty).toBe(true);
  });

  it('previews one rule against a seat', () => {
    const seat = { email: 'a@contractor.example', userId: 'u1', licenseType: 'Business' };
    expect(exclusionMatches(exclusion('user', '*@contractor.example'), seat)).toBe(true);
    expect(exclusionMatches(exclusion('licenseType', 'business'), seat)).toBe(true);
    expect(exclusionMatches(exclusion('licenseType', 'a@contractor.example'), seat)).toBe(false);
  });

  it('validates with a clear message', () => {
    expect(validateExclusionPattern('user', '  *@contractor.example ')).toEqual({ ok: true, pattern: '*@contractor.example' });
    expect(validateExclusionPattern('licenseType', 'Chatter Free')).toEqual({ ok: true, pattern: 'Chatter Free' });
    const bad = (kind: 'user' | 'licenseType', p: string): string => {
      const r = validateExclusionPattern(kind, p);
      if (r.ok) throw new Error(`accepted ${p}`);
      return r.message;
    };
    expect(bad('user', '   ')).toMatch(/Enter an email/);
    expect(bad('user', '*')).toMatch(/would exclude every user/);
    expect(bad('licenseType', '**')).toMatch(/every license type/);
    expect(bad('user', 'a b@example.com')).toMatch(/contains a space/);
    expect(bad('user', 'a\tb')).toMatch(/control character/);
    expect(bad('user', 'x'.repeat(400))).toMatch(/at most 320/);
  });
});
