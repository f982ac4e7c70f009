import { randomBytes } from 'node:crypto';
import { intFlag, parse } from '../args.js';
import type { Command } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import { printJson, say, table } from '../output.js';
import { untilStopSignal } from '../signals.js';

const NAME = 'simulators';

/** One running simulator, as `simulators --json` prints it. */
export interface RunningSimulator {
  vendor: 'asana' | 'salesforce' | 'calendly' | 'custom';
  name: string;
  url: string;
  /** The --auth spelling of `profiles add`. */
  auth: 'token' | 'client-credentials';
  clientId?: string;
  tokenUrl?: string;
  /** The token or client secret, for SEATWISE_SECRET. */
  secret: string;
  /** The `profiles add` line that connects to it (the secret comes from SEATWISE_SECRET). */
  add: string;
  close(): Promise<void>;
}

interface Knobs {
  /** Seeds the company and, when given, the tokens; the demo's seeds otherwise. */
  seed?: number;
  /** First port; the next ones follow. Otherwise free ports. */
  port?: number;
}

const token = (vendor: string, seed: number | undefined): string => (seed === undefined ? `sim_${vendor}_${randomBytes(12).toString('base64url')}` : `sim_${vendor}_seed${seed}`);

/** Starts the four vendor simulators; a failure closes those already started. */
export async function startSimulators(knobs: Knobs): Promise<RunningSimulator[]> {
  const port = (i: number): number | undefined => (knobs.port === undefined ? undefined : knobs.port + i);
  const seed = (demo: number): number => knobs.seed ?? demo;
  // The simulators are test vendors: loaded only when this command runs.
  const [{ startAsanaSimulator }, { startCalendlySimulator }, { startScimSimulator }, { startSalesforceSimulator }] = await Promise.all([
    import('../../../connectors/asana/simulator/index.js'),
    import('../../../connectors/calendly/simulator/index.js'),
    import('../../../connectors/custom/simulator/index.js'),
    import('../../../connectors/salesforce/simulator/index.js'),
  ]);
  const starters: (() => Promise<RunningSimulator>)[] = [
    async () => {
      const secret = token('asana', knobs.seed);
      const sim = await startAsanaSimulator({ token: secret, seed: seed(7), users: 480, plan: 'enterprise', port: port(0) });
      return { vendor: 'asana', name: 'Asana', url: sim.url, auth: 'token', secret, add: `seatwise profiles add --vendor asana --name "Asana" --auth token --url ${sim.url}`, close: () => sim.close() };
    },
    async () => {
      const sim = await startSalesforceSimulator({ seed: seed(11), users: 360, port: port(1) });
      const { clientId, clientSecret, tokenUrl } = sim.oauth;
      return {
        vendor: 'salesforce',
        name: 'Salesforce',
        url: sim.instanceUrl,
        auth: 'client-credentials',
        clientId,
        tokenUrl,
        secret: clientSecret,
        add: `seatwise profiles add --vendor salesforce --name "Salesforce" --auth client-credentials --url ${sim.instanceUrl} --client-id ${clientId} --token-url ${tokenUrl}`,
        close: () => sim.close(),
      };
    },
    async () => {
      const secret = token('calendly', knobs.seed);
      const sim = await startCalendlySimulator({ seed: seed(5), size: 140, plan: 'teams', port: port(2), token: secret });
      return { vendor: 'calendly', name: 'Calendly', url: sim.url, auth: 'token', secret, add: `seatwise profiles add --vendor calendly --name "Calendly" --auth token --url ${sim.url}`, close: () => sim.close() };
    },
    async () => {
      const secret = token('scim', knobs.seed);
      const sim = await startScimSimulator({ token: secret, seed: seed(13), users: 90, port: port(3) });
      return { vendor: 'custom', name: 'SCIM app', url: sim.url, auth: 'token', secret, add: `seatwise profiles add --vendor custom --preset scim --name "SCIM app" --auth token --url ${sim.url}`, close: () => sim.close() };
    },
  ];
  const running: RunningSimulator[] = [];
  try {
    for (const start of starters) running.push(await start());
    return running;
  } catch (error) {
    await Promise.allSettled(running.map((r) => r.close()));
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE' && knobs.port !== undefined) {
      throw new UsageError(`--port ${knobs.port}: port ${knobs.port + running.length} is in use. The simulators take ${starters.length} ports from --port on.`, NAME);
    }
    throw error;
  }
}

export const simulatorsCommand: Command = {
  name: NAME,
  summary: 'Start the vendor simulators (Asana, Salesforce, Calendly, a SCIM app) and print their URLs and credentials, for trying Seatwise by hand',
  usage: [
    'seatwise simulators [--port N] [--seed N] [--json]',
    '',
    '--port N puts them on ports N to N+3 (Asana, Salesforce, Calendly, SCIM), --seed N fixes their',
    'people and their tokens: the same command gives the same URLs and credentials every time.',
    'Each line of the output ends with the "profiles add" command that connects to it.',
  ].join('\n'),
  examples: ['seatwise simulators', 'seatwise simulators --port 4900 --seed 1 --json'],
  access: () => 'none',
  async run(_ctx, argv) {
    const p = parse(NAME, argv, { port: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' } });
    if (p.positionals.length) throw new UsageError(`Unexpected argument "${p.positionals[0]}".`, NAME);
    const port = intFlag(p, 'port', NAME, { min: 1024, max: 65532 });
    const seed = intFlag(p, 'seed', NAME, { min: 0, max: 2 ** 31 - 1 });
    const running = await startSimulators({ port, seed });
    const stopped = untilStopSignal();
    if (p.values.json) printJson(running.map(({ close: _close, ...sim }) => sim));
    else {
      process.stdout.write(
        table(
          running.map((sim) => ({ vendor: sim.vendor, url: sim.url, auth: sim.auth, 'client id': sim.clientId ?? '', 'token url': sim.tokenUrl ?? '', 'secret (SEATWISE_SECRET)': sim.secret })),
          ['vendor', 'url', 'auth', 'client id', 'token url', 'secret (SEATWISE_SECRET)'],
        ) + '\n\n',
      );
      say(`To connect one, with its secret in SEATWISE_SECRET:\n${running.map((sim) => `  ${sim.add}`).join('\n')}\n\n`);
      say('These are local test credentials for the simulators only. Press Ctrl+C to stop.\n');
    }
    await stopped;
    await Promise.allSettled(running.map((sim) => sim.close()));
    return EXIT.ok;
  },
};
