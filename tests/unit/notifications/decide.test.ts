import { describe, expect, it } from 'vitest';
import { decideNotifications, type NotificationContext } from '../../../main/notifications/decide.js';
import { rememberSecret, forgetSecret } from '../../../main/vault/redact.js';
import { job } from './fixtures.js';

const context = (patch: Partial<NotificationContext> = {}): NotificationContext => ({
  profileName: 'Asana',
  candidatesBefore: 2,
  candidatesAfter: 2,
  needsSignIn: false,
  trigger: 'schedule',
  ...patch,
});

const kinds = (list: { kind: string }[]): string[] => list.map((n) => n.kind);

describe('decideNotifications', () => {
  it('says nothing for an ordinary good run', () => {
    expect(decideNotifications(job(), job(), context())).toEqual([]);
  });

  it('says nothing while a run is going, or for a cancelled run', () => {
    expect(decideNotifications(undefined, job({ state: 'running' }), context({ candidatesAfter: 9 }))).toEqual([]);
    expect(decideNotifications(undefined, job({ state: 'cancelled', error: 'Cancelled' }), context())).toEqual([]);
  });

  it('reports a scheduled or catch-up failure after a good run', () => {
    const failed = job({ state: 'failed', error: 'Asana answered 503.' });
    const [n] = decideNotifications(job(), failed, context());
    expect(n).toMatchObject({ kind: 'sync_failed', title: 'Asana: scheduled sync failed' });
    expect(n?.body).toContain('Asana answered 503.');
    expect(kinds(decideNotifications(undefined, { ...failed, trigger: 'catch-up' }, context({ trigger: 'catch-up' })))).toEqual(['sync_failed']);
  });

  it('does not report a failure of a run the person started (it is on screen)', () => {
    for (const trigger of ['manual', 'publish', 'cli'] as const) {
      expect(decideNotifications(job(), job({ state: 'failed', error: 'x', trigger }), context({ trigger }))).toEqual([]);
    }
  });

  it('reports the same failure once, and again when the message changes', () => {
    const first = job({ state: 'failed', error: 'Asana answered 503.' });
    const again = job({ state: 'failed', error: 'Asana answered 503.' });
    const other = job({ state: 'failed', error: 'The network is unreachable.' });
    expect(decideNotifications(first, again, context())).toEqual([]);
    expect(kinds(decideNotifications(again, other, context()))).toEqual(['sync_failed']);
  });

  it('never puts a secret in the text', () => {
    const secret = 'sk-live-0123456789abcdef';
    rememberSecret(secret);
    try {
      const list = decideNotifications(
        job(),
        job({ state: 'failed', error: `401 for token ${secret}; Authorization: Bearer abcdefghijklmnop; client_secret=hunter22` }),
        context(),
      );
      const text = JSON.stringify(list);
      expect(text).not.toContain(secret);
      expect(text).not.toContain('abcdefghijklmnop');
      expect(text).not.toContain('hunter22');
    } finally {
      forgetSecret(secret);
    }
  });

  it('keeps a long error to one short line', () => {
    const [n] = decideNotifications(undefined, job({ state: 'failed', error: `line one\n${'x'.repeat(500)}` }), context());
    expect(n?.body).not.toContain('\n');
    expect(n!.body.length).toBeLessThan(260);
  });

  it('reports new candidates when the count goes up, with the number added', () => {
    const [n] = decideNotifications(job(), job(), context({ candidatesBefore: 2, candidatesAfter: 5, trigger: 'manual' }));
    expect(n).toMatchObject({ kind: 'new_candidates', title: 'Asana: 3 new seats to review' });
    expect(n?.body).toBe('5 seats look unused in Asana.');
    expect(decideNotifications(job(), job(), context({ candidatesBefore: 0, candidatesAfter: 1 }))[0]?.title).toBe('Asana: 1 new seat to review');
  });

  it('does not report candidates that went down, stayed, or have no baseline yet', () => {
    expect(decideNotifications(job(), job(), context({ candidatesBefore: 5, candidatesAfter: 3 }))).toEqual([]);
    expect(decideNotifications(undefined, job(), context({ candidatesBefore: undefined, candidatesAfter: 3 }))).toEqual([]);
  });

  it('reports a lost sign-in once, instead of a plain failure, whatever started the run', () => {
    const failed = job({ state: 'failed', error: 'The token was revoked.', trigger: 'manual' });
    const list = decideNotifications(job(), failed, context({ needsSignIn: true, trigger: 'manual' }));
    expect(kinds(list)).toEqual(['needs_signin']);
    expect(list[0]?.title).toBe('Asana: sign in again');
    expect(decideNotifications(failed, { ...failed, id: 'later', trigger: 'schedule' }, context({ needsSignIn: true, neededSignInBefore: true }))).toEqual([]);
  });
});
