/**
 * `seatwise`: the same services as the window, without Electron. Exit codes: 0 ok,
 * 1 failure, 2 usage error.
 */
import fs from 'node:fs';
import type { SeatwiseApp } from '../app.js';
import { defaultDataDir, resolveDataDir } from '../store/datadir.js';
import { redact } from '../vault/redact.js';
import { logLevelFromEnv, logPath, onLogWarning } from '../log/logger.js';
import { API_ERROR_CODES, methods, type MethodName, type MethodOutput } from '../../preload/contract.js';
import { AppError } from '../errors.js';
import { dispatch, toApiError } from '../rpc/dispatch.js';
import type { CliContext, Command, DataAccess, RunningInstance } from './command.js';
import { EXIT, jsonError, USAGE_ERROR_CODE, UsageError } from './errors.js';
import { guardStdout, isClosedOutput, setQuiet } from './output.js';
import { closest } from './suggest.js';
import { callRunning, controlSocketExists, HolderSilentError, silenceFor } from '../rpc/control-socket.js';
import { StoreLockedError } from '../store/errors.js';
import { commandHelp, generalHelp, helpCommand } from './commands/help.js';
import { profilesCommand } from './commands/profiles.js';
import { serveCommand } from './commands/serve.js';
import { syncCommand } from './commands/sync.js';
import { extraCommands } from './commands/extra.js';
import { completionCommand } from './commands/completion.js';

const commands: Command[] = [profilesCommand, syncCommand, serveCommand, ...extraCommands];
commands.push(completionCommand(() => commands), helpCommand(() => commands));

export function allCommands(): readonly Command[] {
  return commands;
}

interface GlobalOptions {
  dataDir?: string;
  quiet: boolean;
  rest: string[];
}

/** Splits off the global options (--data-dir, --quiet), wherever they stand. */
function globalOptions(argv: string[]): GlobalOptions {
  const rest: string[] = [];
  let dataDir: string | undefined;
  let quiet = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg === '--data-dir') {
      dataDir = argv[++i];
      if (!dataDir || dataDir.startsWith('--')) throw new UsageError('--data-dir needs a folder.');
    } else if (arg.startsWith('--data-dir=')) {
      dataDir = arg.slice('--data-dir='.length);
      if (!dataDir) throw new UsageError('--data-dir needs a folder.');
    } else if (arg === '--quiet' || arg === '-q') quiet = true;
    else rest.push(arg);
  }
  return { dataDir, quiet, rest };
}

export function findCommand(name: string): Command | undefined {
  return commands.find((c) => c.name === name);
}

/** "Unknown command", with the closest command when there is one. */
export function unknownCommand(name: string): UsageError {
  const near = closest(name, commands.map((c) => c.name));
  return new UsageError(`Unknown command "${name}".${near ? ` Did you mean "${near}"?` : ''}`);
}

/** Where the data folder came from, in the words a person used to choose it. */
function folderSource(flag: string | undefined): string {
  if (flag !== undefined) return '--data-dir';
  if (process.env.SEATWISE_DATA_DIR?.trim()) return 'SEATWISE_DATA_DIR';
  return 'the default data folder';
}

/**
 * A folder that is a file is a usage error; a folder that does not exist is one only commands
 * that start a folder may create. Everything else would read an empty folder and report
 * "nothing" (a cron line whose SEATWISE_DATA_DIR reached only its first command), or make a
 * stray folder where none was meant.
 */
function checkDataDir(dataDir: string, flag: string | undefined, access: DataAccess): void {
  if (access === 'none') return;
  const source = folderSource(flag);
  const stat = fs.statSync(dataDir, { throwIfNoEntry: false });
  if (stat && !stat.isDirectory()) throw new UsageError(`The data folder ${dataDir} (${source}) is a file, not a folder.`);
  if (stat || access === 'create') return;
  const hint =
    source === 'the default data folder'
      ? 'Set --data-dir or SEATWISE_DATA_DIR to the folder Seatwise uses (in a cron line, for every command on it), or start with "seatwise profiles add".'
      : `Check the path, or start a new folder there with "seatwise ${flag !== undefined ? '--data-dir DIR ' : ''}profiles add".`;
  throw new AppError('no_data_folder', `There is no Seatwise data folder at ${dataDir} (${source}): nothing was read or created. ${hint}`);
}

/** The profile a mistyped name probably meant, said in the not-found message itself. */
async function withSuggestion(call: CliContext['call'], error: AppError, input: unknown, dataDir: string): Promise<AppError> {
  const typed = (input as { profileId?: unknown } | undefined)?.profileId;
  if (error.code !== 'not_found' || typeof typed !== 'string' || !/^The profile "/.test(error.message)) return error;
  const names = (await call('profiles:list', {}).catch(() => [])).map((p) => p.name);
  const near = closest(typed, names);
  let more: string;
  if (near) more = ` Did you mean "${near}"?`;
  else if (!names.length) more = ` There are no profiles in ${dataDir}.`;
  else if (names.length <= 8) more = ` The profiles are: ${names.map((n) => `"${n}"`).join(', ')}.`;
  else more = ' See "seatwise profiles list".';
  return new AppError(error.code, error.message + more, error.retryable);
}

export async function main(argv: string[]): Promise<number> {
  guardStdout();
  let app: SeatwiseApp | undefined;
  let command: Command | undefined;
  let json = argv.includes('--json');
  const offWarnings: (() => void)[] = [];
  try {
    const { dataDir: flag, quiet, rest } = globalOptions(argv);
    setQuiet(quiet);
    const [name, ...args] = rest;
    json = args.includes('--json');
    if (!name || name === '--help' || name === '-h') {
      process.stdout.write(generalHelp(commands) + '\n');
      return name ? EXIT.ok : EXIT.usage;
    }
    if (name === '--version' || name === '-v') {
      const { APP_VERSION } = await import('../version.js');
      process.stdout.write(`${APP_VERSION}\n`);
      return EXIT.ok;
    }
    command = findCommand(name);
    if (!command) throw unknownCommand(name);
    if (args.includes('--help') || args.includes('-h')) {
      process.stdout.write(commandHelp(command) + '\n');
      return EXIT.ok;
    }
    const access = command.access?.(args) ?? 'write';
    if (access !== 'none') {
      try {
        logLevelFromEnv();
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
    }
    const dataDir = name === 'demo' && !flag && !process.env.SEATWISE_DATA_DIR ? `${defaultDataDir()} Demo` : resolveDataDir(flag);
    checkDataDir(dataDir, flag, access);
    // A line of a data file that was skipped (an audit event torn by a crash) is said here
    // too, not only in the log: the person reading the output would otherwise never know.
    offWarnings.push(
      onLogWarning(dataDir, (message, fields) => {
        if (fields.file !== undefined && fields.line !== undefined) process.stderr.write(`seatwise: warning: ${message}\n`);
      }),
    );
    const openApp: CliContext['openApp'] = async (overrides) => {
      if (!app) {
        app = await (await import('../app.js')).createApp({ dataDir, transport: name === 'serve' || name === 'demo' ? 'http' : 'cli', lockHolder: `seatwise ${name}`, ...overrides });
        app.log.debug({ command: name, args: args.filter((a) => a.startsWith('-')) }, 'command started');
      }
      return app;
    };
    // The folder held by a running instance that answers on its socket: calls go there.
    let held: RunningInstance | undefined;
    const running = async (): Promise<RunningInstance | undefined> => {
      if (app || held) return held;
      try {
        await openApp();
      } catch (error) {
        if (!(error instanceof StoreLockedError) || !controlSocketExists(dataDir)) throw error;
        held = { pid: error.pid, holder: error.holder };
      }
      return held;
    };
    const invoke = async (method: MethodName, input: unknown) => {
      if (await running()) {
        const result = await callRunning(dataDir, method, input).catch((error: unknown) => {
          const silent = error instanceof HolderSilentError ? `, which took the call and then said nothing for ${silenceFor(error.silenceMs)} (it may be stuck)` : ', which did not answer';
          throw new AppError('data_folder_in_use', `The data folder ${dataDir} is in use by pid ${held!.pid} (${held!.holder})${silent}. Close it, or use another --data-dir.`);
        });
        // Its answer crosses a process boundary: checked like any other input.
        if (result.ok) methods[method].output.parse(result.value);
        return result;
      }
      app!.log.debug({ method }, 'contract call');
      return dispatch(app!.service, method, input, { checkOutput: true });
    };
    const call: CliContext['call'] = async (method, input) => {
      const result = await invoke(method, input);
      if (!result.ok) {
        app?.log.debug({ method, code: result.error.code }, 'contract call refused');
        throw await withSuggestion(call, new AppError(result.error.code, result.error.message, result.error.retryable), input, dataDir);
      }
      return result.value as MethodOutput<typeof method>;
    };
    const ctx: CliContext = { dataDir, openApp, call, running, profileId: async (idOrName) => (await call('profiles:get', { profileId: idOrName })).id };
    const code = await command.run(ctx, args);
    app?.log.debug({ command: name, code }, 'command finished');
    return code;
  } catch (error) {
    // The reader of our output left (`| head`): what it read is what it wanted.
    if (isClosedOutput(error)) return EXIT.ok;
    // A value the services refused is, from here, a mistake in the command line.
    const usage = error instanceof UsageError ? error : error instanceof AppError && error.code === API_ERROR_CODES.invalidInput ? new UsageError(error.message, command?.name) : undefined;
    if (usage) {
      const target = commands.find((c) => c.name === (usage.command ?? (error instanceof UsageError ? undefined : command?.name)));
      if (json) process.stderr.write(jsonError(USAGE_ERROR_CODE, redact(usage.message)));
      else process.stderr.write(`seatwise: ${redact(usage.message)}\n${target ? `\nUsage:\n  ${target.usage.replace(/\n/g, '\n  ')}\n` : '\nRun "seatwise help" for the commands.\n'}`);
      return EXIT.usage;
    }
    const apiError = toApiError(error);
    app?.log.error({ command: command?.name, code: apiError.code, message: apiError.message }, 'command failed');
    if (json) process.stderr.write(jsonError(apiError.code, redact(apiError.message)));
    else {
      const logHint = app ? `\nLog: ${logPath(app.dataDir)}` : '';
      process.stderr.write(`seatwise: ${redact(apiError.message)}${logHint}\n`);
    }
    return EXIT.failure;
  } finally {
    await app?.close();
    for (const off of offWarnings) off();
  }
}
