/**
 * Every command line of the README's "The command line" section and every example of
 * `seatwise help COMMAND`, run as written in bash against the simulators, each with exit 0
 * and no stack trace; `--json` output is checked against the shapes docs/cli-json.md documents.
 *
 * What a line cannot hold is put in the way a person would: the simulator's address where the
 * line names the vendor's real one (or none), a real candidate, rule or audit id where it
 * shows an example id, scratch folders where it names /tmp or /srv. The cron entry runs with
 * the data folder its own line sets, and a fresh HOME, to show that folder is the one used.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAsanaSimulator, type AsanaSimulatorHandle } from '../../../connectors/asana/simulator/index.js';
import { startCalendlySimulator, type CalendlySimulator } from '../../../connectors/calendly/simulator/index.js';
import { startSalesforceSimulator, type SalesforceSimulatorHandle } from '../../../connectors/salesforce/simulator/index.js';
import { allCommands } from '../../../main/cli/index.js';
import { JSON_SHAPES } from '../../../main/cli/json-shapes.js';
import { repoRoot } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { postgresUnavailable, startCluster, type TestCluster } from '../../helpers/postgres.js';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { followSignIn, makeWorld, readmeBlocks, runLine, STACK, type LineResult, type World } from './examples-runner.js';

const ASANA_TOKEN = 'examples-asana-token-0123456789abcdef';
const ASANA_REAL_URL = 'https://app.asana.com/api/1.0';
let asana: AsanaSimulatorHandle;
let salesforce: SalesforceSimulatorHandle;
let calendly: CalendlySimulator;
let scratch: { dir: string; cleanup: () => void };
/** The team server examples' database: a private cluster, as a team's PostgreSQL stands in for db.internal. */
const TEAM_DB_EXAMPLE = 'postgres://seatwise@db.internal/seatwise';
const NO_POSTGRES = postgresUnavailable();
if (NO_POSTGRES) console.log(`examples: the team server examples (migrate, import, secrets) are not run: ${NO_POSTGRES}`);
let cluster: TestCluster | undefined;
let teamDb = '';
let teamKeys = '';
const TEAM_EXAMPLE = /\bseatwise (migrate|import|secrets)\b/;
const ran = new Set<string>();

beforeAll(async () => {
  asana = await startAsanaSimulator({ token: ASANA_TOKEN, seed: 41, users: 160, knobs: { rateLimit: undefined } });
  salesforce = await startSalesforceSimulator({ seed: 43, users: 120 });
  calendly = await startCalendlySimulator({ seed: 45, size: 40, knobs: { rateLimit: undefined } });
  scratch = tempDir('seatwise-examples-');
  if (!NO_POSTGRES) {
    cluster = startCluster();
    teamDb = await cluster.createDatabase('team_examples');
    const admin = new pg.Client({ connectionString: teamDb });
    await admin.connect();
    await admin.query('CREATE ROLE seatwise_app LOGIN');
    await admin.end();
    teamKeys = path.join(scratch.dir, 'team-keys');
    fs.writeFileSync(teamKeys, `k1 ${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  }
}, 60_000);

afterAll(async () => {
  await Promise.allSettled([asana?.close(), salesforce?.close(), calendly?.close()]);
  cluster?.stop();
  scratch?.cleanup();
});

const READY = /Press Ctrl\+C to stop|^\]$/m;
const LONG_RUNNING = /\bseatwise (?:--data-dir \S+ )?(serve|demo|simulators)\b|npm run simulators/;

/** The shape docs/cli-json.md gives the output of these arguments, if they print JSON to stdout. */
function shapeFor(args: string[]): (typeof JSON_SHAPES)[number] | undefined {
  const [name, sub] = args;
  const flag = (f: string): boolean => args.includes(f);
  const candidates = JSON_SHAPES.filter((s) => s.command.split(' ')[0] === name);
  if (candidates.length === 1) return candidates[0];
  const bySub = candidates.filter((s) => s.command.split(' ')[1] === sub);
  if (bySub.length === 1) return bySub[0];
  if (name === 'sync') return candidates.find((s) => s.command.includes('--all') === flag('--all'));
  if (name === 'reclaim') return candidates.find((s) => s.command.includes('--dry-run') === flag('--dry-run'));
  if (name === 'candidates') return candidates.find((s) => s.command.startsWith(`candidates ${sub === 'approve' || sub === 'reject' ? sub : '['}`));
  return undefined;
}

/** The HR roster the directory examples import, as an HR system exports one. */
function writeRoster(dir: string): void {
  fs.writeFileSync(path.join(dir, 'roster.csv'), ['email,name,status,end_date', 'left.person@example.com,Left Person,deprovisioned,', 'still.here@example.com,Still Here,active,'].join('\r\n'));
  // The user exports the CSV app examples import, as an admin console exports them.
  const users = ['Email,Name,License,Last login', 'ann@example.com,Ann,Editor,2026-01-05', 'bob@example.com,Bob,Viewer,2025-11-30'];
  fs.writeFileSync(path.join(dir, 'users.csv'), users.join('\r\n'));
  fs.writeFileSync(path.join(dir, 'users-october.csv'), users.slice(0, 2).join('\r\n'));
}

/** Splits a command line the way bash would, enough for the examples (quotes, no expansions). */
function words(line: string): string[] {
  return [...line.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

interface Candidate { id: string; profile: string; status: string }

/** The state a line's example ids stand for: real ids, resolved when the line runs. */
class Resolver {
  private readonly ids = new Map<string, string>();
  private readonly undone = new Set<string>();

  constructor(private readonly world: World) {}

  async cli(args: string): Promise<LineResult> {
    const result = await runLine(this.world, `seatwise ${args}`);
    if (result.code !== 0) throw new Error(`setup "seatwise ${args}" exited ${result.code}: ${result.stderr}`);
    return result;
  }

  private async candidates(profile: string): Promise<Candidate[]> {
    return JSON.parse((await this.cli(`candidates "${profile}" --format json`)).stdout) as Candidate[];
  }

  /** An open candidate of `profile` for each example candidate id; the same one each time it is named. */
  async candidate(profile: string, example: string, approved: boolean): Promise<string> {
    const key = `${profile}:${example}`;
    if (!this.ids.has(key)) {
      const taken = new Set(this.ids.values());
      const all = await this.candidates(profile);
      const next = all.find((c) => c.status === 'open' && !taken.has(c.id));
      if (!next) throw new Error(`No open candidate left in ${profile} for ${example} (${all.length} candidates: ${[...new Set(all.map((c) => c.status))].join(', ') || 'none'}).`);
      this.ids.set(key, next.id);
    }
    const id = this.ids.get(key)!;
    // A reclaim example names a seat someone approved: approve it, as they would have.
    if (approved && (await this.candidates(profile)).find((c) => c.id === id)?.status !== 'approved') await this.cli(`candidates approve ${id}`);
    return id;
  }

  async rule(profile: string, example: string): Promise<string> {
    const key = `rule:${profile}:${example}`;
    if (!this.ids.has(key)) {
      const rules = JSON.parse((await this.cli(`rules list --profile "${profile}" --json`)).stdout) as { id: string; licenseType: string }[];
      const rule = rules.find((r) => r.licenseType === 'Paid member') ?? rules[0];
      if (!rule) throw new Error(`${profile} has no rules.`);
      this.ids.set(key, rule.id);
    }
    return this.ids.get(key)!;
  }

  /** The newest reclaim that was not undone yet. */
  async reclaimAudit(): Promise<string> {
    const events = JSON.parse((await this.cli('audit --json')).stdout) as { id: string; action: string }[];
    const event = events.find((e) => e.action === 'reclaim.seat' && !this.undone.has(e.id));
    if (!event) throw new Error('No reclaim to undo.');
    this.undone.add(event.id);
    return event.id;
  }

  /** The line with its example ids and addresses replaced by real ones. */
  async resolve(line: string): Promise<string> {
    let out = line.replaceAll(ASANA_REAL_URL, asana.url);
    if (/profiles add --vendor asana/.test(out) && !out.includes('--url')) out += ` --url ${asana.url}`;
    out = out.replaceAll('/tmp/seatwise-demo', path.join(scratch.dir, 'demo-folder'));
    out = out.replaceAll(TEAM_DB_EXAMPLE, teamDb).replaceAll('"$SEATWISE_DATABASE_URL"', `"${teamDb}"`).replaceAll('/etc/seatwise/keys', teamKeys);
    const profile = /\b(?:reclaim|candidates|schedule|notices) "([^"]+)"/.exec(out)?.[1] ?? /--profile "([^"]+)"/.exec(out)?.[1] ?? 'Asana';
    const reclaiming = /\breclaim /.test(out);
    for (const example of new Set(out.match(/\bc-[0-9a-f]{16}\b/g) ?? [])) out = out.replaceAll(example, await this.candidate(profile, example, reclaiming));
    for (const example of new Set(out.match(/\br-[0-9a-f]{16}\b|\bRULE_ID\b/g) ?? [])) out = out.replaceAll(example, await this.rule(profile, example));
    if (/\bundo (AUDIT_ID|3f1c0d9e-\.\.\.)/.test(out)) out = out.replace(/AUDIT_ID|3f1c0d9e-\.\.\./, await this.reclaimAudit());
    return out;
  }
}

/** Runs one documented line and checks it the way every example is checked. */
async function runExample(world: World, resolver: Resolver, line: string): Promise<LineResult> {
  const resolved = await resolver.resolve(line);
  const longRunning = LONG_RUNNING.test(resolved);
  const result = await runLine(world, resolved, {
    cwd: /^npm /.test(resolved) ? repoRoot : undefined,
    untilReady: longRunning ? READY : undefined,
    onUrl: /\bconnect .*--no-browser/.test(resolved) ? (url) => followSignIn(url) : undefined,
  });
  ran.add(line);
  // npm itself ends by the Ctrl+C it passed on (as in a terminal: exit 130); what it ran must have stopped cleanly.
  if (/^npm run /.test(resolved) && result.signal === 'SIGINT') expect(result.stderr, resolved).not.toMatch(/ERR!|Error/);
  else expect(result.code, `${resolved}\n${result.stderr}`).toBe(0);
  expect(result.stderr, resolved).not.toMatch(STACK);
  const args = words(resolved.replace(/^(\w+=\S+\s+)+/, '')).slice(1);
  if (args.includes('--json') && !/>/.test(resolved) && !longRunning) {
    const shape = shapeFor(args.filter((a) => !a.startsWith('--data-dir')));
    expect(shape, `a documented shape for ${resolved}`).toBeDefined();
    const parsed = shape!.schema.safeParse(JSON.parse(result.stdout));
    expect(parsed.success ? [] : parsed.error.issues.slice(0, 3), `${resolved} prints what docs/cli-json.md says`).toEqual([]);
  }
  return result;
}

describe('the README, run as written', () => {
  let world: World;
  let resolver: Resolver;
  const blocks = readmeBlocks('The command line');
  const shell = blocks.filter((b) => b.lang === 'sh').flatMap((b) => b.lines);
  const cron = blocks.find((b) => b.lang === 'cron');

  it('has the lines this test runs', () => {
    expect(shell.length).toBeGreaterThan(20);
    expect(cron?.lines.length).toBe(2);
  });

  it('every line of its command-line block exits 0, in order, in the default data folder', { timeout: 300_000 }, async () => {
    world = makeWorld(path.join(scratch.dir, 'readme'), { ASANA_PAT: ASANA_TOKEN, NEW_ASANA_PAT: ASANA_TOKEN });
    writeRoster(world.cwd);
    resolver = new Resolver(world);
    for (const line of shell) await runExample(world, resolver, line);
    // As written, with no folder named, they all used the default one under HOME.
    expect(fs.existsSync(path.join(world.home, '.config', 'Seatwise', 'seatwise.json'))).toBe(true);
    expect(fs.existsSync(path.join(world.cwd, 'candidates.csv'))).toBe(true);
    expect(fs.existsSync(path.join(world.cwd, 'audit.csv'))).toBe(true);
  });

  it('the cron entry reads and writes the folder of its SEATWISE_DATA_DIR line, for both commands', { timeout: 120_000 }, async () => {
    const env: Record<string, string> = {};
    const entries: string[] = [];
    for (const line of cron!.lines) {
      const assignment = /^([A-Z_]+)=(\S+)$/.exec(line.trim());
      if (assignment) env[assignment[1]!] = assignment[2]!;
      else entries.push(line.trim().split(/\s+/).slice(5).join(' '));
    }
    expect(env.SEATWISE_DATA_DIR).toBe('/srv/seatwise');
    // The folder the README lines made stands for /srv/seatwise; the rest of /srv and /var, scratch folders.
    const srv = path.join(world.home, '.config', 'Seatwise');
    const out = path.join(scratch.dir, 'cron');
    fs.mkdirSync(path.join(out, 'log'), { recursive: true });
    fs.mkdirSync(path.join(out, 'reports'), { recursive: true });
    const entry = entries[0]!.replaceAll('\\%', '%').replaceAll('/var/log', path.join(out, 'log')).replaceAll('/srv/reports', path.join(out, 'reports'));
    // cron runs it with a HOME of its own: a default folder there must not be what it reads.
    const cronWorld = makeWorld(path.join(scratch.dir, 'cron-home'));
    const result = await runLine(cronWorld, entry, { env: { SEATWISE_DATA_DIR: srv } });
    ran.add(cron!.lines.join('\n'));
    expect(result.code, result.stderr).toBe(0);
    const sync = JSON.parse(fs.readFileSync(path.join(out, 'log', 'seatwise-sync.json'), 'utf8')) as { profileName: string; state: string }[];
    // Asana, and the CSV app of the README's lines (which keeps its last import).
    expect(sync).toMatchObject([{ profileName: 'Asana', state: 'succeeded' }, { profileName: 'Design tool', state: 'succeeded' }]);
    const [report] = fs.readdirSync(path.join(out, 'reports'));
    expect(report).toMatch(/^candidates-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(out, 'reports', report!));
    expect(book.worksheets[0]!.rowCount).toBeGreaterThan(1);
    expect(result.stderr).toMatch(/Wrote [1-9]\d* candidate\(s\)/);
    expect(fs.existsSync(path.join(cronWorld.home, '.config', 'Seatwise'))).toBe(false);
  });

  it('the old form, with the folder on the first command only, fails and creates no folder', async () => {
    const cronWorld = makeWorld(path.join(scratch.dir, 'cron-home-old'));
    const srv = path.join(world.home, '.config', 'Seatwise');
    const reports = path.join(scratch.dir, 'cron-old');
    fs.mkdirSync(reports, { recursive: true });
    const result = await runLine(cronWorld, `SEATWISE_DATA_DIR=${srv} seatwise sync --all --json > ${reports}/sync.json && seatwise candidates --all --format xlsx --out ${reports}/c.xlsx`);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`There is no Seatwise data folder at ${path.join(cronWorld.home, '.config', 'Seatwise')} (the default data folder)`);
    expect(result.stderr).toContain('SEATWISE_DATA_DIR');
    expect(fs.existsSync(path.join(cronWorld.home, '.config', 'Seatwise'))).toBe(false);
    expect(fs.existsSync(path.join(reports, 'c.xlsx'))).toBe(false);
  });
});

describe('every example of seatwise help, run as written', () => {
  it('each exits 0, command by command', { timeout: 600_000 }, async () => {
    const world = makeWorld(path.join(scratch.dir, 'help'), { ASANA_PAT: ASANA_TOKEN, NEW_ASANA_PAT: ASANA_TOKEN, CLIENT_SECRET: salesforce.oauth.clientSecret });
    const resolver = new Resolver(world);
    // What the examples take for granted: a Salesforce org with client credentials (published)
    // and a Calendly profile that signs in through the browser. Asana comes from the profiles examples.
    const sf = salesforce.oauth;
    await runLine(world, `SEATWISE_SECRET=${sf.clientSecret} seatwise profiles add --vendor salesforce --name Salesforce --auth client-credentials --url ${salesforce.instanceUrl} --client-id ${sf.clientId} --token-url ${sf.tokenUrl}`).then((r) => expect(r.code, r.stderr).toBe(0));
    await resolver.cli('profiles publish Salesforce');
    const cal = calendly.oauth;
    await runLine(world, `SEATWISE_SECRET=${cal.clientSecret} seatwise profiles add --vendor calendly --name Calendly --auth oauth --url ${calendly.url} --client-id ${cal.clientId} --authorize-url ${cal.authorizeUrl} --token-url ${cal.tokenUrl} --revoke-url ${cal.revokeUrl}`).then((r) =>
      expect(r.code, r.stderr).toBe(0),
    );
    writeRoster(world.cwd);
    const examples = allCommands().flatMap((c) => c.examples.map((e) => ({ command: c.name, line: e })));
    expect(examples.length).toBeGreaterThan(40);
    for (const { line } of examples) {
      if (NO_POSTGRES && TEAM_EXAMPLE.test(line)) ran.add(line);
      else await runExample(world, resolver, line);
    }
    // The sign-in examples really signed in, and disconnect really signed out.
    const calendlyNow = JSON.parse((await resolver.cli('profiles show Calendly --json')).stdout) as { connection: { status: string } };
    expect(calendlyNow.connection.status).toBe('not_connected');
    const asanaJobs = JSON.parse((await resolver.cli('jobs Asana --json')).stdout) as unknown[];
    expect(asanaJobs.length).toBeGreaterThan(1);
  });
});

describe('coverage', () => {
  it('ran every line it found', () => {
    const readme = readmeBlocks('The command line').filter((b) => b.lang === 'sh').flatMap((b) => b.lines);
    const help = allCommands().flatMap((c) => c.examples);
    for (const line of [...readme, ...help]) expect(ran, line).toContain(line);
  });
});
