import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../main/events/bus.js';
import { NotificationCenter } from '../../../main/notifications/center.js';
import type { SeatwiseNotification } from '../../../main/notifications/decide.js';
import type { JobResult } from '../../../preload/contract.js';
import type { AliasRecord, ProfileRecord } from '../../../main/store/schema.js';
import { alias, job, profile } from './fixtures.js';

function setup(options: { profiles?: ProfileRecord[]; aliases?: AliasRecord[]; jobs?: JobResult[] } = {}) {
  const events = new EventBus();
  const store = {
    root: { profiles: options.profiles ?? [profile({ lastRunAt: '2026-03-01T08:00:00.000Z', stats: { ...profile().stats, candidates: 2 } })], aliases: options.aliases ?? [alias()] },
    jobs: async () => options.jobs ?? [],
  };
  const shown: SeatwiseNotification[] = [];
  const errors: unknown[] = [];
  const center = new NotificationCenter({ events, store, show: (n) => shown.push(n), onError: (e) => errors.push(e) });
  /** Emits a run the way JobRecorder does: running first, then the finished state. */
  const run = (patch: Partial<JobResult>, beforeFinish?: () => void): JobResult => {
    const j = job({ ...patch, state: 'running' });
    events.emit('jobs:changed', { job: j });
    beforeFinish?.();
    const finished = { ...j, state: patch.state ?? 'succeeded', error: patch.error };
    events.emit('jobs:changed', { job: finished });
    return finished;
  };
  const p1 = () => store.root.profiles[0]!;
  return { events, store, shown, errors, center, run, p1 };
}

describe('NotificationCenter', () => {
  it('announces a scheduled failure once, and again after a recovery', () => {
    const t = setup();
    t.center.start();
    t.run({ state: 'failed', error: 'Asana answered 503.' });
    t.run({ state: 'failed', error: 'Asana answered 503.', trigger: 'catch-up' });
    expect(t.shown.map((n) => n.kind)).toEqual(['sync_failed']);
    t.run({ state: 'succeeded' });
    t.run({ state: 'failed', error: 'Asana answered 503.' });
    expect(t.shown.map((n) => n.kind)).toEqual(['sync_failed', 'sync_failed']);
  });

  it('keeps its own copy of the last job although the recorder mutates its job in place', () => {
    const t = setup();
    t.center.start();
    const j = job({ state: 'running' });
    t.events.emit('jobs:changed', { job: j });
    j.state = 'failed';
    j.error = 'Timeout';
    t.events.emit('jobs:changed', { job: j });
    t.events.emit('jobs:changed', { job: j }); // the same finished job again
    const next = { ...job({ state: 'failed', error: 'Timeout' }) };
    t.events.emit('jobs:changed', { job: next });
    expect(t.shown).toHaveLength(1);
  });

  it('announces new candidates from the profile stats written during the run', () => {
    const t = setup();
    t.center.start();
    t.run({ trigger: 'schedule' }, () => {
      t.p1().stats = { ...t.p1().stats, candidates: 6 };
      // A profiles:changed during the run must not move the baseline.
      t.events.emit('profiles:changed', { profileId: 'p1' });
    });
    expect(t.shown).toEqual([expect.objectContaining({ kind: 'new_candidates', title: 'Asana: 4 new seats to review' })]);
    t.run({});
    expect(t.shown).toHaveLength(1);
  });

  it('does not announce a change the person made between runs (rules edited)', () => {
    const t = setup();
    t.center.start();
    t.p1().stats = { ...t.p1().stats, candidates: 9 };
    t.events.emit('profiles:changed', { profileId: 'p1' });
    t.run({});
    expect(t.shown).toEqual([]);
  });

  it('does not announce the first run of a new profile as new candidates', () => {
    const t = setup({ profiles: [profile({ stats: { ...profile().stats, candidates: 0 } })] });
    t.center.start();
    t.run({ trigger: 'publish' }, () => {
      t.p1().stats = { ...t.p1().stats, candidates: 3 };
    });
    expect(t.shown).toEqual([]);
    t.run({}, () => {
      t.p1().stats = { ...t.p1().stats, candidates: 4 };
    });
    expect(t.shown.map((n) => n.kind)).toEqual(['new_candidates']);
  });

  it('announces a lost sign-in once, from the connection or the profile attention', () => {
    const t = setup();
    t.center.start();
    t.run({ state: 'failed', error: 'The token was revoked.', trigger: 'schedule' }, () => {
      t.store.root.aliases[0]!.status = 'needs_signin';
    });
    t.run({ state: 'failed', error: 'The token was revoked.', trigger: 'schedule' });
    expect(t.shown.map((n) => n.kind)).toEqual(['needs_signin']);
    // Reconnected (profiles:changed outside a run), then lost again: said again.
    t.store.root.aliases[0]!.status = 'connected';
    t.events.emit('profiles:changed', { profileId: 'p1' });
    t.run({ state: 'failed', error: 'Expired', trigger: 'manual' }, () => {
      t.p1().attention = { kind: 'needs_signin', reason: 'Expired', at: '2026-03-02T00:00:00.000Z' };
    });
    expect(t.shown.map((n) => n.kind)).toEqual(['needs_signin', 'needs_signin']);
    expect(JSON.stringify(t.shown)).not.toMatch(/token was revoked/);
  });

  it('after prime, does not repeat a failure already known from before a restart', async () => {
    const t = setup({ jobs: [job({ state: 'failed', error: 'Asana answered 503.' }), job({ state: 'succeeded' })] });
    await t.center.prime();
    t.center.start();
    t.run({ state: 'failed', error: 'Asana answered 503.' });
    expect(t.shown).toEqual([]);
    expect(t.center.lastJobByProfile().get('p1')?.state).toBe('failed');
  });

  it('ignores cancelled runs', () => {
    const t = setup();
    t.center.start();
    t.run({ state: 'failed', error: 'E' });
    t.run({ state: 'cancelled', error: 'Cancelled; the previous data was kept.' });
    t.run({ state: 'failed', error: 'E' });
    expect(t.shown).toHaveLength(1);
  });

  it('survives a failing show and stops listening after stop()', () => {
    const events = new EventBus();
    const errors: unknown[] = [];
    const center = new NotificationCenter({
      events,
      store: { root: { profiles: [profile()], aliases: [] } },
      show: () => {
        throw new Error('no notification server');
      },
      onError: (e) => errors.push(e),
    }).start();
    const seen: string[] = [];
    events.on((name) => seen.push(name));
    events.emit('jobs:changed', { job: job({ state: 'failed', error: 'E' }) });
    expect(errors).toHaveLength(1);
    expect(seen).toEqual(['jobs:changed']);
    center.stop();
    events.emit('jobs:changed', { job: job({ state: 'failed', error: 'F' }) });
    expect(errors).toHaveLength(1);
  });
});
