import type { Command } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import { closest } from '../suggest.js';

export function commandHelp(command: Command): string {
  return [`${command.summary}.`, '', 'Usage:', indent(command.usage), '', 'Examples:', indent(command.examples.join('\n'))].join('\n');
}

export function generalHelp(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'seatwise: find the SaaS seats nobody uses, reclaim them, and show the savings.',
    '',
    'Usage: seatwise [--data-dir DIR] [--quiet] COMMAND [ARGS]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Global options:',
    '  --data-dir DIR  where Seatwise keeps its data (default: SEATWISE_DATA_DIR, then the OS app-data folder)',
    '  --quiet, -q     only data, warnings and errors: no confirmations, notes or progress',
    '',
    'Environment: SEATWISE_DATA_DIR (the data folder), SEATWISE_SECRET (a secret to store),',
    `SEATWISE_LOG_LEVEL (trace, debug, info, warn, error, fatal or silent; default info).`,
    'Secrets are never flags: set SEATWISE_SECRET or pipe them with --secret-stdin.',
    'With --json, output is JSON (docs/cli-json.md) and so is an error: {"error": {"code", "message"}} on stderr.',
    'Exit codes: 0 ok, 1 failure, 2 usage error. Run "seatwise help COMMAND" for one command.',
  ].join('\n');
}

export function helpCommand(all: () => Command[]): Command {
  return {
    name: 'help',
    summary: 'Show help for seatwise or one command',
    usage: 'seatwise help [COMMAND]',
    examples: ['seatwise help sync'],
    access: () => 'none',
    async run(_ctx, argv) {
      const [name, extra] = argv;
      if (extra !== undefined) throw new UsageError(`help takes one COMMAND, not "${argv.join(' ')}".`, 'help');
      if (name === undefined) {
        process.stdout.write(generalHelp(all()) + '\n');
        return EXIT.ok;
      }
      const target = all().find((c) => c.name === name);
      if (!target) {
        const near = closest(name, all().map((c) => c.name));
        throw new UsageError(`There is no command "${name}".${near ? ` Did you mean "${near}"?` : ''}`, 'help');
      }
      process.stdout.write(commandHelp(target) + '\n');
      return EXIT.ok;
    },
  };
}

const indent = (text: string): string =>
  text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
