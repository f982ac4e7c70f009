/**
 * schedule:get / schedule:set against the real services on a temporary data folder: the
 * default is daily at 06:00, a change is validated by croner, stored, audited and survives a
 * restart, and the next run follows the schedule in its zone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type SeatwiseApp } from '../../../main/app.js';
import type { SecretStore } from '../../../main/vault/secret-store.js';
import { tempDir } from '../../helpers/temp-dir.js';

/** Schedules never touch secrets; this vault only keeps createApp away from the keychain. */
const vault: SecretStore = { get: async () => null, set: async () => undefined, delete: async () => false, list: async () => [] };

// Monday 2026-11-23 10:00 UTC.
const NOW = new Date('2026-11-23T10:00:00Z');

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function openWithProfile(): Promise<{ app: SeatwiseApp; dir: string; profileId: string }> {
  const { dir, cleanup } = tempDir('seatwise-schedule-');
  cleanups.push(cleanup);
  const app = await createApp({ dataDir: dir, transport: 'cli', vault, now: () => NOW });
  cleanups.push(() => app.close());
  const profile = await app.service['profiles:create']({
    name: 'Asana',
    vendor: 'asana',
    connection: { baseUrl: 'https://app.asana.com/api/1.0', grantType: 'token' },
  });
  return { app, dir, profileId: profile.id };
}

async function markPublished(app: SeatwiseApp, profileId: string): Promise<void> {
  await app.store.update((root) => {
    const p = root.profiles.find((x) => x.id === profileId);
    if (p) p.status = 'published';
  });
}

describe('schedule', () => {
  it('starts daily at 06:00 and names no next run while the profile is a draft', async () => {
    const { app, profileId } = await openWithProfile();
    const view = await app.service['schedule:get']({ profileId });
    expect(view.schedule).toEqual({ kind: 'daily', time: '06:00' });
    expect(view.description).toBe('Every day at 06:00');
    expect(view.nextRunAt).toBeUndefined();
  });

  it('stores a weekly schedule in a pinned zone, audits it and computes the next run there', async () => {
    const { app, profileId } = await openWithProfile();
    await markPublished(app, profileId);
    const view = await app.service['schedule:set']({ profileId, schedule: { kind: 'weekly', day: 3, time: '07:30', timeZone: 'Asia/Tokyo' } });
    expect(view.description).toBe('Every Wednesday at 07:30 (Asia/Tokyo)');
    expect(view.timeZone).toBe('Asia/Tokyo');
    // Wednesday 07:30 in Tokyo (UTC+9) is Tuesday 22:30 UTC.
    expect(view.nextRunAt).toBe('2026-11-24T22:30:00.000Z');
    expect(app.store.root.profiles.find((p) => p.id === profileId)?.schedule).toEqual({ kind: 'weekly', day: 3, time: '07:30', timeZone: 'Asia/Tokyo' });
    const [event] = await app.service['audit:list']({ limit: 1 });
    expect(event).toMatchObject({ action: 'schedule.changed', profileId, before: { kind: 'daily', time: '06:00' } });
  });

  it('rejects what croner rejects, with its words, and keeps the old schedule', async () => {
    const { app, profileId } = await openWithProfile();
    await expect(app.service['schedule:set']({ profileId, schedule: { kind: 'cron', expression: '61 * * * *' } })).rejects.toThrow(/Invalid cron expression "61 \* \* \* \*"/);
    await expect(app.service['schedule:set']({ profileId, schedule: { kind: 'cron', expression: '0 0 30 2 *' } })).rejects.toThrow(/never runs/);
    await expect(app.service['schedule:set']({ profileId, schedule: { kind: 'daily', time: '06:00', timeZone: 'Mars/Olympus' } })).rejects.toThrow(/Unknown time zone/);
    expect((await app.service['schedule:get']({ profileId })).schedule).toEqual({ kind: 'daily', time: '06:00' });
  });

  it('keeps a changed schedule across a restart', async () => {
    const { app, dir, profileId } = await openWithProfile();
    await app.service['schedule:set']({ profileId, schedule: { kind: 'cron', expression: '0  */6 * * *' } });
    await app.close();
    const reopened = await createApp({ dataDir: dir, transport: 'cli', vault, now: () => NOW });
    cleanups.push(() => reopened.close());
    const view = await reopened.service['schedule:get']({ profileId });
    expect(view.schedule).toEqual({ kind: 'cron', expression: '0 */6 * * *' });
    expect(view.description).toBe('Cron 0 */6 * * * (every 6 hours)');
  });
});
