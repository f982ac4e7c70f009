import { describe, expect, it } from 'vitest';
import { pruneJobs } from '../../../main/scheduler/retention.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const daysAgo = (days: number): string => new Date(NOW.getTime() - days * 86_400_000).toISOString();
const job = (id: string, profileId: string, age: number, state = 'succeeded') => ({ id, profileId, startedAt: daysAgo(age), state });

describe('pruneJobs', () => {
  it('keeps the newest maxPerProfile jobs of each profile, in the original order', () => {
    const jobs = [
      ...Array.from({ length: 105 }, (_, i) => job(`a${i}`, 'a', i / 10)),
      ...Array.from({ length: 3 }, (_, i) => job(`b${i}`, 'b', i)),
    ].reverse();
    const kept = pruneJobs(jobs, { maxPerProfile: 100, maxAgeDays: 90 }, NOW);
    expect(kept.filter((j) => j.profileId === 'a')).toHaveLength(100);
    expect(kept.some((j) => j.id === 'a104' || j.id === 'a100')).toBe(false);
    expect(kept.filter((j) => j.profileId === 'b').map((j) => j.id)).toEqual(['b2', 'b1', 'b0']);
    expect(kept).toEqual(jobs.filter((j) => kept.includes(j)));
  });

  it('drops jobs older than maxAgeDays but keeps each profile’s newest job and active jobs', () => {
    const jobs = [
      job('fresh', 'a', 10),
      job('old', 'a', 91),
      job('stale-only', 'b', 200),
      job('stale-older', 'b', 300),
      job('stuck-running', 'c', 120, 'running'),
      job('c-new', 'c', 1),
    ];
    expect(pruneJobs(jobs, { maxPerProfile: 100, maxAgeDays: 90 }, NOW).map((j) => j.id)).toEqual([
      'fresh',
      'stale-only',
      'stuck-running',
      'c-new',
    ]);
  });

  it('uses the defaults (100 per profile, 90 days), accepts Date values and keeps unreadable dates', () => {
    const jobs = [
      { profileId: 'a', startedAt: new Date(daysAgo(1)), state: 'failed' },
      { profileId: 'a', startedAt: new Date(daysAgo(95)), state: 'failed' },
      { profileId: 'a', startedAt: 'not a date', state: 'failed' },
    ];
    expect(pruneJobs(jobs, {}, NOW)).toEqual([jobs[0], jobs[2]]);
    expect(pruneJobs([], undefined, NOW)).toEqual([]);
  });
});
