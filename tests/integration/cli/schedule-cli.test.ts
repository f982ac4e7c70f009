/** `seatwise schedule`, the built command in a child process, on a folder prepared in-process. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../main/app.js';
import type { SecretStore } from '../../../main/vault/secret-store.js';
import { runCli } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp-dir.js';

const vault: SecretStore = { get: async () => null, set: async () => undefined, delete: async () => false, list: async () => [] };
let dataDir: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ dir: dataDir, cleanup } = tempDir('seatwise-schedule-cli-'));
  const app = await createApp({ dataDir, transport: 'cli', vault });
  await app.service['profiles:create']({ name: 'Asana', vendor: 'asana', connection: { baseUrl: 'https://app.asana.com/api/1.0', grantType: 'token' } });
  await app.close();
});
afterAll(() => cleanup?.());

describe('seatwise schedule', () => {
  it('shows the default, sets a weekly schedule, and reads it back as JSON', async () => {
    const shown = await runCli(['schedule', 'Asana'], { dataDir });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^Every day at 06:00, time zone .+; not scheduled until the profile is published\.\n$/);

    const set = await runCli(['schedule', 'Asana', '--weekly', 'mon@07:00', '--tz', 'Europe/Berlin'], { dataDir });
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('Schedule set: Every Monday at 07:00 (Europe/Berlin)');

    const json = await runCli(['schedule', 'Asana', '--json'], { dataDir });
    expect(JSON.parse(json.stdout)).toMatchObject({ schedule: { kind: 'weekly', day: 1, time: '07:00', timeZone: 'Europe/Berlin' }, timeZone: 'Europe/Berlin' });
  });

  it('refuses two kinds at once and a malformed day, with exit code 2', async () => {
    const both = await runCli(['schedule', 'Asana', '--daily', '06:00', '--cron', '0 6 * * *'], { dataDir });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('Give one of --daily, --weekly or --cron.');
    const day = await runCli(['schedule', 'Asana', '--weekly', 'someday@07:00'], { dataDir });
    expect(day.code).toBe(2);
    expect(day.stderr).toContain('--weekly takes DAY@HH:MM');
  });

  it('passes croner’s message through for a cron that cannot run, with exit code 2 (a value of the command line)', async () => {
    const bad = await runCli(['schedule', 'Asana', '--cron', '0 0 30 2 *'], { dataDir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('never runs');
  });
});
