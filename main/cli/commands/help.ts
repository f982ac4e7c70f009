import type { Command } from '../command.js';
import { EXIT } from '../errors.js';

export function commandHelp(command: Command): string {
  return [`${command.summary}.`, '', 'Usage:', indent(command.usage), '', 'Examples:', indent(command.examples.join('\n'))].join('\n');
}

export function generalHelp(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'seatwise: find the SaaS seats nobody uses, reclaim them, and show the savings.',
    '',
    'Usage: seatwise [--data-dir DIR] COMMAND [ARGS]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Global options:',
    '  --data-dir DIR  where Seatwise keeps its data (default: SEATWISE_DATA_DIR, then the OS app-data folder)',
    '',
    'Secrets are never flags: set SEATWISE_SECRET or pipe them with --secret-stdin.',
    'Exit codes: 0 ok, 1 failure, 2 usage error. Run "seatwise help COMMAND" for one command.',
  ].join('\n');
}

export function helpCommand(all: () => Command[]): Command {
  return {
    name: 'help',
    summary: 'Show help for seatwise or one command',
    usage: 'seatwise help [COMMAND]',
    examples: ['seatwise help sync'],
    async run(_ctx, argv) {
      const target = argv[0] ? all().find((c) => c.name === argv[0]) : undefined;
      process.stdout.write((target ? commandHelp(target) : generalHelp(all())) + '\n');
      return EXIT.ok;
    },
  };
}

const indent = (text: string): string =>
  text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
