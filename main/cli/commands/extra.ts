import type { Command } from '../command.js';

/** Commands that later features register (demo, connect, candidates, ...). */
export const extraCommands: Command[] = [];
