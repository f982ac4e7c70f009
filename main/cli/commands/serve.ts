import { openUrl } from '../../system/open-url.js';
import { startHost } from '../../host/index.js';
import { rendererDir } from '../../paths.js';
import type { SeatwiseApp } from '../../app.js';
import { intFlag, parse } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../errors.js';
import { untilStopSignal } from '../signals.js';

const NAME = 'serve';

/** Serves the UI until SIGINT/SIGTERM; resolves with the exit code. */
export async function serveUntilStopped(app: SeatwiseApp, options: { port?: number; open: boolean; banner?: string }): Promise<number> {
  const host = await startHost({ app, port: options.port, rendererDir: rendererDir() });
  // Listening before "Press Ctrl+C" is printed: a Ctrl+C right after it must stop, not kill.
  const stopped = untilStopSignal();
  if (options.banner) process.stdout.write(options.banner + '\n');
  process.stdout.write(`Seatwise is running at:\n\n  ${host.url}\n\nOpen that link in a browser on this machine. Press Ctrl+C to stop.\n`);
  // No opener on a headless box: the URL is printed above anyway.
  if (options.open) void openUrl(host.url);
  await stopped;
  process.stdout.write('\nStopping Seatwise...\n');
  await host.close();
  return EXIT.ok;
}

export const serveCommand: Command = {
  name: NAME,
  summary: 'Run Seatwise in a browser: starts the local host and prints its URL with a one-time token',
  usage: 'seatwise serve [--port N] [--no-open]',
  examples: ['seatwise serve --port 4800 --no-open'],
  access: () => 'create',
  async run(ctx, argv) {
    const p = parse(NAME, argv, { port: { type: 'string' }, 'no-open': { type: 'boolean' } });
    const port = intFlag(p, 'port', NAME, { min: 0, max: 65535 });
    const app = await ctx.openApp();
    return serveUntilStopped(app, { port, open: p.values['no-open'] !== true });
  },
};
