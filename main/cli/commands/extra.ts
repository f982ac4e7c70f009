import type { Command } from '../command.js';
import { demoCommand } from './demo.js';
import { simulatorsCommand } from './simulators.js';

/** Commands beyond profiles/sync/serve, each in its own file. */
export const extraCommands: Command[] = [demoCommand, simulatorsCommand];
