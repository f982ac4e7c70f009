import { describe, expect, it } from 'vitest';
import { ago, platformHasTray, statusLine, trayMenuModel, type TrayItem, type TrayProfile } from '../../../main/electron/tray-model.js';
import type { JobResult } from '../../../preload/contract.js';

const now = new Date('2026-03-01T10:00:00.000Z');
const minutesAgo = (m: number): string => new Date(now.getTime() - m * 60_000).toISOString();

function job(profileId: string, state: JobResult['state'], finishedMinutesAgo?: number): JobResult {
  return {
    id: `${profileId}-${state}-${finishedMinutesAgo ?? 'x'}`,
    profileId,
    profileName: profileId,
    trigger: 'schedule',
    state,
    startedAt: minutesAgo((finishedMinutesAgo ?? 0) + 1),
    finishedAt: finishedMinutesAgo === undefined ? undefined : minutesAgo(finishedMinutesAgo),
    phases: [],
    counts: { seats: 0, freeSeats: 0, subscriptions: 0, candidates: 0, requests: 0, pages: 0 },
    activityAvailable: null,
    ...(state === 'failed' ? { error: 'secret-bearing message that must not appear' } : {}),
  };
}

const profiles: TrayProfile[] = [
  { id: 'asana', name: 'Asana', status: 'published' },
  { id: 'sf', name: 'Salesforce', status: 'published' },
  { id: 'draft', name: 'Draft one', status: 'draft' },
  { id: 'cal', name: 'Calendly', status: 'published' },
];

const labels = (items: TrayItem[]): string[] => items.map((i) => (i.type === 'separator' ? '---' : i.label));

describe('trayMenuModel', () => {
  it('lists Open, Sync all now, one disabled line per published profile (newest job wins), and Quit', () => {
    const jobs = [job('asana', 'succeeded', 2), job('sf', 'failed', 90), job('asana', 'failed', 600)];
    const model = trayMenuModel(profiles, jobs, now);
    expect(labels(model.items)).toEqual([
      'Open Seatwise',
      'Sync all now',
      '---',
      'Asana: ok, 2 min ago',
      'Salesforce: failed, 1 h ago',
      'Calendly: never synced',
      '---',
      'Quit',
    ]);
    expect(model.items.filter((i) => i.type === 'status')).toHaveLength(3);
    expect(model.items.find((i) => i.type === 'action' && i.action === 'syncAll')).toMatchObject({ enabled: true });
    expect(model.tooltip).toBe('Seatwise: 1 failed\nAsana: ok, 2 min ago\nSalesforce: failed, 1 h ago\nCalendly: never synced');
    expect(JSON.stringify(model)).not.toContain('secret-bearing');
  });

  it('shows running and queued runs, and says so in the tooltip', () => {
    const model = trayMenuModel(profiles, [job('asana', 'running'), job('sf', 'queued')], now);
    expect(labels(model.items)).toContain('Asana: syncing…');
    expect(labels(model.items)).toContain('Salesforce: waiting to sync');
    expect(model.tooltip.split('\n')[0]).toBe('Seatwise: syncing 2');
  });

  it('without published profiles: Sync all disabled and a hint line', () => {
    const model = trayMenuModel([{ id: 'd', name: 'D', status: 'draft' }], [], now);
    expect(model.items.find((i) => i.type === 'action' && i.action === 'syncAll')).toMatchObject({ enabled: false });
    expect(labels(model.items)).toContain('No published integrations yet');
    expect(model.tooltip).toBe('Seatwise');
  });

  it('bounds the menu and the tooltip for many profiles', () => {
    const many = Array.from({ length: 25 }, (_, i): TrayProfile => ({ id: `p${i}`, name: `Integration number ${i}`, status: 'published' }));
    const model = trayMenuModel(many, many.map((p) => job(p.id, 'succeeded', 5)), now);
    expect(model.items.filter((i) => i.type === 'status')).toHaveLength(11);
    expect(labels(model.items)).toContain('and 15 more…');
    expect(model.tooltip.length).toBeLessThanOrEqual(127);
    expect(model.tooltip.startsWith('Seatwise: all ok')).toBe(true);
  });
});

describe('statusLine and ago', () => {
  it('words the time since a run', () => {
    expect(ago(new Date(minutesAgo(0)), now)).toBe('just now');
    expect(ago(new Date(minutesAgo(59)), now)).toBe('59 min ago');
    expect(ago(new Date(minutesAgo(60 * 23)), now)).toBe('23 h ago');
    expect(ago(new Date(minutesAgo(60 * 24)), now)).toBe('1 day ago');
    expect(ago(new Date(minutesAgo(60 * 72)), now)).toBe('3 days ago');
    expect(ago(new Date(now.getTime() + 60_000), now)).toBe('just now');
  });
  it('uses the start time when a finished job has no finish time', () => {
    expect(statusLine('Asana', { ...job('asana', 'cancelled', 3), finishedAt: undefined }, now)).toBe('Asana: cancelled, 4 min ago');
  });
});

describe('platformHasTray', () => {
  it('is true on Windows and macOS, and on Linux desktops with a StatusNotifier host', () => {
    expect(platformHasTray('win32', {})).toBe(true);
    expect(platformHasTray('darwin', {})).toBe(true);
    expect(platformHasTray('linux', { XDG_CURRENT_DESKTOP: 'KDE' })).toBe(true);
    expect(platformHasTray('linux', { XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' })).toBe(true);
  });
  it('is false on stock GNOME and without a desktop session', () => {
    expect(platformHasTray('linux', { XDG_CURRENT_DESKTOP: 'GNOME' })).toBe(false);
    expect(platformHasTray('linux', {})).toBe(false);
  });
});
