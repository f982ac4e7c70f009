import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSystemClock, ManualClock } from '../../../main/scheduler/clock.js';

describe('ManualClock', () => {
  it('advance fires due timers in order, each with now() at its own instant', () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    const seen: string[] = [];
    const at = (iso: string, label: string) => clock.setTimer(new Date(iso), () => seen.push(`${label}@${clock.now().toISOString()}`));
    at('2026-01-01T03:00:00Z', 'c');
    at('2026-01-01T01:00:00Z', 'a');
    at('2026-01-01T01:00:00Z', 'b'); // same instant: insertion order
    const cancel = at('2026-01-01T02:00:00Z', 'cancelled');
    cancel();

    clock.advance(2 * 3_600_000);
    expect(seen).toEqual(['a@2026-01-01T01:00:00.000Z', 'b@2026-01-01T01:00:00.000Z']);
    expect(clock.now().toISOString()).toBe('2026-01-01T02:00:00.000Z');
    expect(clock.pending().map((d) => d.toISOString())).toEqual(['2026-01-01T03:00:00.000Z']);
  });

  it('fires timers set by a callback within the same advance when they fall due', () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    const seen: string[] = [];
    const tick = (): void => {
      seen.push(clock.now().toISOString());
      clock.setTimer(new Date(clock.now().getTime() + 3_600_000), tick);
    };
    clock.setTimer(new Date('2026-01-01T01:00:00Z'), tick);
    clock.advance(3 * 3_600_000);
    expect(seen).toEqual(['2026-01-01T01:00:00.000Z', '2026-01-01T02:00:00.000Z', '2026-01-01T03:00:00.000Z']);
  });

  it('set jumps like a wake from sleep: overdue timers fire late, in order, at the new time', () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    const seen: string[] = [];
    clock.setTimer(new Date('2026-01-02T00:00:00Z'), () => seen.push(`second@${clock.now().toISOString()}`));
    clock.setTimer(new Date('2026-01-01T12:00:00Z'), () => seen.push(`first@${clock.now().toISOString()}`));
    clock.setTimer(new Date('2026-01-09T00:00:00Z'), () => seen.push('later'));
    clock.set('2026-01-05T00:00:00Z');
    expect(seen).toEqual(['first@2026-01-05T00:00:00.000Z', 'second@2026-01-05T00:00:00.000Z']);
  });

  it('does not fire a past timer inside setTimer, only on the next flush', () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    const fn = vi.fn();
    clock.setTimer(new Date('2025-12-31T00:00:00Z'), fn);
    expect(fn).not.toHaveBeenCalled();
    clock.flush();
    expect(fn).toHaveBeenCalledOnce();
  });
});

describe('createSystemClock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits past setTimeout 24.8-day limit without firing early', () => {
    vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    // Even when asked for huge slices, a single setTimeout stays under 2^31-1 ms, beyond which
    // Node would fire it after 1 ms.
    const clock = createSystemClock({ maxSliceMs: Number.MAX_SAFE_INTEGER });
    const fn = vi.fn();
    clock.setTimer(new Date('2026-02-10T00:00:00Z'), fn); // 40 days away
    vi.advanceTimersByTime(39 * 86_400_000);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(86_400_000);
    expect(fn).toHaveBeenCalledOnce();
  });

  it('fires a timer that came due during a sleep within one slice of waking', () => {
    vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    const clock = createSystemClock({ maxSliceMs: 60_000 });
    const fn = vi.fn();
    clock.setTimer(new Date('2026-01-01T06:00:00Z'), fn);
    vi.advanceTimersByTime(3_600_000);
    // The wall clock jumps 10 hours while the monotonic timers stand still, as in a sleep.
    vi.setSystemTime(new Date('2026-01-01T11:00:00Z'));
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(60_000);
    expect(fn).toHaveBeenCalledOnce();
  });

  it('never fires synchronously, fires once, and can be cancelled', () => {
    vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    const clock = createSystemClock();
    const past = vi.fn();
    clock.setTimer(new Date('2025-01-01T00:00:00Z'), past);
    expect(past).not.toHaveBeenCalled();
    const cancelled = vi.fn();
    const cancel = clock.setTimer(new Date('2026-01-01T00:10:00Z'), cancelled);
    cancel();
    vi.advanceTimersByTime(3_600_000);
    expect(past).toHaveBeenCalledOnce();
    expect(cancelled).not.toHaveBeenCalled();
  });
});
