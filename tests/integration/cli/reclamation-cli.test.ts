/**
 * The built `seatwise` as a child process for the reclamation commands: rules, exclusions,
 * entitlements, candidates, reclaim (dry run, refusal without --yes, real run), audit, undo,
 * jobs. A temporary data folder, the real keychain (scripts/with-keyring.sh) and the Asana
 * simulator, whose own state says what changed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAsanaSimulator, type AsanaSimulatorHandle } from '../../../connectors/asana/simulator/index.js';
import { addPublishedAsana, runCli } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp-dir.js';

const TOKEN = 'cli-reclamation-token-0123456789abc';
const NAME = 'Asana Reclaim CLI';
let sim: AsanaSimulatorHandle;
let dataDir: string;
let cleanup: () => void;

const json = <T>(stdout: string): T => JSON.parse(stdout) as T;
/** The public export row (JSON): `rule` is the rule's name. */
interface Row { id: string; userId: string; email: string; status: string; rule: string }

beforeAll(async () => {
  sim = await startAsanaSimulator({ token: TOKEN, seed: 21, users: 200, knobs: { rateLimit: undefined } });
  ({ dir: dataDir, cleanup } = tempDir('seatwise-cli-reclaim-'));
  await addPublishedAsana(dataDir, NAME, sim.url, TOKEN);
}, 90_000);

afterAll(async () => {
  await runCli(['profiles', 'remove', NAME, '--yes'], { dataDir }).catch(() => undefined);
  await sim.close();
  cleanup();
});

describe('seatwise reclamation commands', () => {
  it('names unknown flags and bad values as usage errors (exit 2)', async () => {
    const unknown = await runCli(['rules', 'list', '--bogus'], { dataDir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--bogus');
    const kind = await runCli(['exclusions', 'add', '--kind', 'group', '--pattern', 'x', '--reason', 'y'], { dataDir });
    expect(kind.code).toBe(2);
    expect(kind.stderr).toContain('--kind');
    const xlsx = await runCli(['candidates', NAME, '--format', 'xlsx'], { dataDir });
    expect(xlsx.code).toBe(2);
  });

  it('lists rules as JSON and a rule change recomputes candidates', async () => {
    const rules = json<{ id: string; name: string; thresholdDays: number }[]>((await runCli(['rules', 'list', '--profile', NAME, '--json'], { dataDir })).stdout);
    expect(rules.length).toBeGreaterThan(0);
    const before = json<Row[]>((await runCli(['candidates', NAME, '--status', 'open', '--format', 'json'], { dataDir })).stdout);
    const ruleName = before[0]!.rule;
    const rule = rules.find((r) => r.name === ruleName)!.id;
    const set = await runCli(['rules', 'set', rule, '--threshold', '3650', '--json'], { dataDir });
    expect(set.code, set.stderr).toBe(0);
    expect(json<{ thresholdDays: number }>(set.stdout).thresholdDays).toBe(3650);
    const after = json<Row[]>((await runCli(['candidates', NAME, '--status', 'open', '--format', 'json'], { dataDir })).stdout);
    expect(after.filter((c) => c.rule === ruleName)).toEqual([]);
    expect((await runCli(['rules', 'set', rule, '--threshold', '60'], { dataDir })).code).toBe(0);
    const back = json<Row[]>((await runCli(['candidates', NAME, '--status', 'open', '--format', 'json'], { dataDir })).stdout);
    expect(back.map((c) => c.id).sort()).toEqual(before.map((c) => c.id).sort());
  });

  it('adds, lists and removes exclusions; sets and lists entitlements', async () => {
    const add = await runCli(['exclusions', 'add', '--kind', 'user', '--pattern', '*@contractor.example', '--reason', 'Billed to the client', '--json'], { dataDir });
    expect(add.code, add.stderr).toBe(0);
    const { id } = json<{ id: string }>(add.stdout);
    expect(json<{ id: string; pattern: string }[]>((await runCli(['exclusions', 'list', '--json'], { dataDir })).stdout)).toMatchObject([{ id, pattern: '*@contractor.example' }]);
    expect((await runCli(['exclusions', 'remove', id], { dataDir })).code).toBe(0);
    expect(json<unknown[]>((await runCli(['exclusions', 'list', '--json'], { dataDir })).stdout)).toEqual([]);

    const rows = json<(Row & { licenseType: string })[]>((await runCli(['candidates', NAME, '--format', 'json'], { dataDir })).stdout);
    const ent = await runCli(['entitlements', 'set', '--profile', NAME, '--license-type', rows[0]!.licenseType, '--owned', '150', '--unit-cost', '12.5', '--currency', 'EUR', '--period', 'month', '--renewal', '2027-03-01'], { dataDir });
    expect(ent.code, ent.stderr).toBe(0);
    expect(json<unknown[]>((await runCli(['entitlements', 'list', '--json'], { dataDir })).stdout)).toMatchObject([{ owned: 150, unitCost: 12.5, currency: 'EUR', period: 'month', renewalDate: '2027-03-01' }]);
    const csv = await runCli(['candidates', '--all', '--format', 'csv'], { dataDir });
    const parsed = parseCsv(csv.stdout, { columns: true, bom: true }) as Record<string, string>[];
    expect(parsed.length).toBe(rows.length);
    expect(parsed.filter((r) => r.licenseType === rows[0]!.licenseType && r.status === 'open').every((r) => r.monthlyCost === '12.5' && r.currency === 'EUR')).toBe(true);
  });

  it('approves, dry-runs, refuses without --yes off a TTY, reclaims, is idempotent, and undoes', async () => {
    const open = json<Row[]>((await runCli(['candidates', NAME, '--status', 'open', '--format', 'json'], { dataDir })).stdout);
    const picked = open.slice(0, 2);
    const approve = await runCli(['candidates', 'approve', ...picked.map((c) => c.id)], { dataDir });
    expect(approve.code, approve.stderr).toBe(0);

    const activeBefore = sim.org.members.map((m) => m.isActive);
    const dry = await runCli(['reclaim', NAME, '--approved', '--dry-run'], { dataDir });
    expect(dry.code, dry.stderr).toBe(0);
    for (const c of picked) expect(dry.stdout).toContain(`POST ${sim.url}/workspaces/${sim.workspaceGid}/removeUser {"data":{"user":"${c.userId}"}}`);
    const refused = await runCli(['reclaim', NAME, '--approved'], { dataDir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--yes/);
    expect(sim.org.members.map((m) => m.isActive)).toEqual(activeBefore);

    const run = await runCli(['reclaim', NAME, '--candidate', picked[0]!.id, '--candidate', picked[1]!.id, '--yes', '--json'], { dataDir });
    expect(run.code, run.stderr).toBe(0);
    const result = json<{ reclaimed: number; outcomes: { candidateId: string; auditId: string; outcome: string }[] }>(run.stdout);
    expect(result.reclaimed).toBe(2);
    for (const c of picked) expect(sim.member(c.userId)?.isActive).toBe(false);
    const changed = sim.org.members.filter((m, i) => m.isActive !== activeBefore[i]).map((m) => m.userGid).sort();
    expect(changed).toEqual(picked.map((c) => c.userId).sort());

    const again = await runCli(['reclaim', NAME, '--approved', '--yes', '--json'], { dataDir });
    expect(again.code).toBe(0);
    expect(json<{ reclaimed: number }>(again.stdout).reclaimed).toBe(0);

    const audit = json<{ id: string; action: string }[]>((await runCli(['audit', '--json'], { dataDir })).stdout);
    expect(audit.filter((e) => e.action === 'reclaim.seat')).toHaveLength(2);
    const auditId = result.outcomes[0]!.auditId;
    const undo = await runCli(['undo', auditId], { dataDir });
    expect(undo.code, undo.stderr).toBe(0);
    const target = picked.find((c) => c.id === result.outcomes[0]!.candidateId)!;
    expect(sim.member(target.userId)?.isActive).toBe(true);
  });

  it('lists jobs as JSON and writes an export file with --out', async () => {
    const jobs = json<{ profileName: string; state: string }[]>((await runCli(['jobs', NAME, '--json'], { dataDir })).stdout);
    expect(jobs[0]).toMatchObject({ profileName: NAME, state: 'succeeded' });
    const out = path.join(dataDir, 'export.csv');
    const res = await runCli(['candidates', NAME, '--format', 'csv', '--out', out], { dataDir });
    expect(res.code, res.stderr).toBe(0);
    expect(fs.readFileSync(out, 'utf8').split('\n')[0]).toContain('id,profile,vendor,userId,email');
  });
});
