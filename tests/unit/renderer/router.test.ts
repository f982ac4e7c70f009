// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { href, parseHash } from '../../../renderer/src/router.js';

describe('hash router', () => {
  it('parses every route', () => {
    expect(parseHash('')).toEqual({ name: 'home' });
    expect(parseHash('#/')).toEqual({ name: 'home' });
    expect(parseHash('#/new')).toEqual({ name: 'new' });
    expect(parseHash('#/new/custom%3Ascim')).toEqual({ name: 'new', vendorKey: 'custom:scim' });
    expect(parseHash('#/profiles/p1')).toEqual({ name: 'profile', id: 'p1', tab: 'subscriptions' });
    expect(parseHash('#/profiles/p1/jobs')).toEqual({ name: 'profile', id: 'p1', tab: 'jobs' });
    expect(parseHash('#/jobs')).toEqual({ name: 'section', section: 'jobs' });
    expect(parseHash('#/nowhere/at/all')).toEqual({ name: 'notFound', path: '/nowhere/at/all' });
    expect(parseHash('#/profiles/%E0%A4%A')).toMatchObject({ name: 'profile', id: '%E0%A4%A' });
  });

  it('builds links that parse back to the same route', () => {
    for (const route of [
      { name: 'home' as const },
      { name: 'new' as const, vendorKey: 'custom:scim' },
      { name: 'profile' as const, id: 'id with/slash', tab: 'connection' },
      { name: 'section' as const, section: 'audit' as const },
    ]) {
      expect(parseHash(href(route))).toEqual(route);
    }
  });
});
