import type { MethodInput, MethodName, MethodOutput } from '../../preload/contract.js';
import type { AppOptions, SeatwiseApp } from '../app.js';

export interface CliContext {
  dataDir: string;
  /** Opens the data folder (taking its lock); closed by the runner when the command ends. */
  openApp(overrides?: Pick<AppOptions, 'vault' | 'demo'>): Promise<SeatwiseApp>;
  /**
   * One contract method through dispatch(), as IPC and the browser host call it: the same
   * input validation, error codes and redaction. A refusal throws an AppError with its code.
   */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** The id of the profile a person named (by name or id); not found names the profile. */
  profileId(idOrName: string): Promise<string>;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  examples: string[];
  run(ctx: CliContext, argv: string[]): Promise<number>;
}
