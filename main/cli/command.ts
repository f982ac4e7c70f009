import type { AppOptions, SeatwiseApp } from '../app.js';

export interface CliContext {
  dataDir: string;
  /** Opens the data folder (taking its lock); closed by the runner when the command ends. */
  openApp(overrides?: Pick<AppOptions, 'vault' | 'demo'>): Promise<SeatwiseApp>;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  examples: string[];
  run(ctx: CliContext, argv: string[]): Promise<number>;
}
