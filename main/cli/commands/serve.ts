import type { SeatwiseApp } from '../../app.js';
import { intFlag, parse } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../errors.js';
import { untilStopSignal } from '../signals.js';
import { TEAM_FLAGS, teamServerFrom, type TeamServer } from './serve-team.js';

const NAME = 'serve';

/** Serves the UI until SIGINT/SIGTERM; resolves with the exit code. */
export async function serveUntilStopped(app: SeatwiseApp, options: { port?: number; open: boolean; banner?: string; team?: TeamServer }): Promise<number> {
  const team = options.team;
  const [{ startHost }, { rendererDir }, { openUrl }] = await Promise.all([import('../../host/index.js'), import('../../paths.js'), import('../../system/open-url.js')]);
  const host = await startHost({
    app,
    port: options.port,
    rendererDir: rendererDir(),
    team: team && { access: team.access, listenHost: team.listenHost },
  });
  // Listening before "Press Ctrl+C" is printed: a Ctrl+C right after it must stop, not kill.
  const stopped = untilStopSignal();
  if (options.banner) process.stdout.write(options.banner + '\n');
  process.stdout.write(
    team
      ? `Seatwise (team server) is listening on ${team.listenHost}:${host.port} for ${team.publicUrl}\n\nPeople sign in there with the company's identity provider. Press Ctrl+C to stop.\n`
      : `Seatwise is running at:\n\n  ${host.url}\n\nOpen that link in a browser on this machine. Press Ctrl+C to stop.\n`,
  );
  // No opener on a headless box: the URL is printed above anyway.
  if (options.open && !team) void openUrl(host.url);
  await stopped;
  process.stdout.write('\nStopping Seatwise...\n');
  await host.close();
  return EXIT.ok;
}

export const serveCommand: Command = {
  name: NAME,
  summary: 'Run Seatwise in a browser: starts the local host and prints its URL with a one-time token',
  usage:
    'seatwise serve [--port N] [--no-open]\n' +
    '       seatwise serve --database URL --oidc-issuer URL --oidc-client-id ID --public-url URL [--listen HOST] [--port N] [--role-claim NAME] [--session-hours N]',
  examples: ['seatwise serve --port 4800 --no-open'],
  access: () => 'create',
  async run(ctx, argv) {
    const p = parse(NAME, argv, { port: { type: 'string' }, 'no-open': { type: 'boolean' }, ...TEAM_FLAGS });
    const port = intFlag(p, 'port', NAME, { min: 0, max: 65535 });
    // A team server opens its database in teamServerFrom; the single-user host its data folder.
    const team = await teamServerFrom(ctx, p, NAME);
    const app = await ctx.openApp();
    return serveUntilStopped(app, { port, open: p.values['no-open'] !== true, team });
  },
};
