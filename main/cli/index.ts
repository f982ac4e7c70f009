/**
 * `seatwise`: the same services as the window, without Electron. Exit codes: 0 ok,
 * 1 failure, 2 usage error.
 */
import { createApp, type SeatwiseApp } from '../app.js';
import { defaultDataDir, resolveDataDir } from '../store/datadir.js';
import { redact } from '../vault/redact.js';
import { logPath } from '../log/logger.js';
import type { MethodOutput } from '../../preload/contract.js';
import { AppError } from '../errors.js';
import { dispatch, toApiError } from '../rpc/dispatch.js';
import type { CliContext, Command } from './command.js';
import { EXIT, UsageError } from './errors.js';
import { commandHelp, generalHelp, helpCommand } from './commands/help.js';
import { profilesCommand } from './commands/profiles.js';
import { serveCommand } from './commands/serve.js';
import { syncCommand } from './commands/sync.js';
import { extraCommands } from './commands/extra.js';

const commands: Command[] = [profilesCommand, syncCommand, serveCommand, ...extraCommands];
commands.push(helpCommand(() => commands));

/** Splits off the global --data-dir, wherever it stands before the command. */
function globalOptions(argv: string[]): { dataDir?: string; rest: string[] } {
  const rest: string[] = [];
  let dataDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--data-dir') {
      dataDir = argv[++i];
      if (!dataDir) throw new UsageError('--data-dir needs a folder.');
    } else if (arg.startsWith('--data-dir=')) dataDir = arg.slice('--data-dir='.length);
    else rest.push(arg);
  }
  return { dataDir, rest };
}

export async function main(argv: string[]): Promise<number> {
  let app: SeatwiseApp | undefined;
  let command: Command | undefined;
  try {
    const { dataDir: flag, rest } = globalOptions(argv);
    const [name, ...args] = rest;
    if (!name || name === '--help' || name === '-h') {
      process.stdout.write(generalHelp(commands) + '\n');
      return name ? EXIT.ok : EXIT.usage;
    }
    if (name === '--version' || name === '-v') {
      const { APP_VERSION } = await import('../version.js');
      process.stdout.write(`${APP_VERSION}\n`);
      return EXIT.ok;
    }
    command = commands.find((c) => c.name === name);
    if (!command) throw new UsageError(`Unknown command "${name}".`);
    if (args.includes('--help') || args.includes('-h')) {
      process.stdout.write(commandHelp(command) + '\n');
      return EXIT.ok;
    }
    const dataDir = name === 'demo' && !flag && !process.env.SEATWISE_DATA_DIR ? `${defaultDataDir()} Demo` : resolveDataDir(flag);
    const openApp: CliContext['openApp'] = async (overrides) =>
      (app ??= await createApp({ dataDir, transport: name === 'serve' || name === 'demo' ? 'http' : 'cli', lockHolder: `seatwise ${name}`, ...overrides }));
    const call: CliContext['call'] = async (method, input) => {
      const result = await dispatch((await openApp()).service, method, input, { checkOutput: true });
      if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.retryable);
      return result.value as MethodOutput<typeof method>;
    };
    const ctx: CliContext = { dataDir, openApp, call, profileId: async (idOrName) => (await call('profiles:get', { profileId: idOrName })).id };
    return await command.run(ctx, args);
  } catch (error) {
    if (error instanceof UsageError) {
      const target = commands.find((c) => c.name === error.command);
      process.stderr.write(`seatwise: ${error.message}\n${target ? `\nUsage:\n  ${target.usage.replace(/\n/g, '\n  ')}\n` : '\nRun "seatwise help" for the commands.\n'}`);
      return EXIT.usage;
    }
    const apiError = toApiError(error);
    app?.log.error({ command: command?.name, code: apiError.code, message: apiError.message }, 'command failed');
    const logHint = app ? `\nLog: ${logPath(app.dataDir)}` : '';
    process.stderr.write(`seatwise: ${redact(apiError.message)}${logHint}\n`);
    return EXIT.failure;
  } finally {
    await app?.close();
  }
}
