import type { MethodInput, MethodName, MethodOutput } from '../../preload/contract.js';
import type { AppOptions, SeatwiseApp } from '../app.js';

export interface CliContext {
  dataDir: string;
  /** Opens the data folder (taking its lock); closed by the runner when the command ends. */
  openApp(overrides?: Pick<AppOptions, 'vault' | 'demo' | 'store' | 'control' | 'shared'>): Promise<SeatwiseApp>;
  /**
   * One contract method through dispatch(), as IPC and the browser host call it: the same
   * input validation, error codes and redaction. A refusal throws an AppError with its code.
   */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** The id of the profile a person named (by name or id); not found names the profile. */
  profileId(idOrName: string): Promise<string>;
  /**
   * The running instance that holds the data folder (the app, `seatwise serve`), when there
   * is one: then `call` goes to it and openApp cannot open the folder.
   */
  running(): Promise<RunningInstance | undefined>;
}

export interface RunningInstance {
  pid: number;
  holder: string;
}

/**
 * What a command does with the data folder:
 *   none    never opens it (help, simulators, completion)
 *   read    only reads: a folder that does not exist is an error, never created
 *   write   changes what is there: the folder must exist
 *   create  may start a new folder (profiles add, serve, demo)
 */
export type DataAccess = 'none' | 'read' | 'write' | 'create';

export interface Command {
  name: string;
  summary: string;
  usage: string;
  examples: string[];
  /** Per invocation, since subcommands differ (profiles list reads, profiles add creates). Default: write. */
  access?(argv: string[]): DataAccess;
  run(ctx: CliContext, argv: string[]): Promise<number>;
}
