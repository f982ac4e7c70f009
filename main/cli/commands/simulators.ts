import { demoSources } from '../../demo/sources.js';
import { parse } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../errors.js';
import { table } from '../output.js';

const NAME = 'simulators';

export const simulatorsCommand: Command = {
  name: NAME,
  summary: 'Start every vendor simulator and print their URLs and credentials, for trying Seatwise by hand',
  usage: 'seatwise simulators',
  examples: ['seatwise simulators   # then: seatwise profiles add --vendor asana --url <URL> ...'],
  async run(_ctx, argv) {
    parse(NAME, argv, {});
    const running = await Promise.all(demoSources.map(async (s) => ({ source: s, sim: await s.start() })));
    process.stdout.write(
      table(
        running.map(({ source, sim }) => ({
          vendor: source.vendor,
          url: sim.baseUrl,
          auth: sim.grantType,
          'client id': sim.clientId,
          'secret (SEATWISE_SECRET)': sim.secret,
        })),
        ['vendor', 'url', 'auth', 'client id', 'secret (SEATWISE_SECRET)'],
      ) + '\n\nThese are local test credentials for the simulators only. Press Ctrl+C to stop.\n',
    );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await Promise.allSettled(running.map(({ sim }) => sim.close()));
    return EXIT.ok;
  },
};
