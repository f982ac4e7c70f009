/**
 * `seatwise completion bash|zsh|fish`: shell completion of commands, subcommands, flags and
 * the values a flag lists in its usage (`--format csv|json|xlsx`). It is read from the usage
 * text every command already has, so a new flag completes as soon as it is documented.
 */
import type { Command } from '../command.js';
import { EXIT, UsageError } from '../errors.js';

const NAME = 'completion';
const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];
const GLOBAL_FLAGS = ['--data-dir', '--quiet', '--help', '--version'];

export interface CommandWords {
  name: string;
  summary: string;
  /** Subcommand -> its flags; '' holds the flags of the command without a subcommand. */
  subcommands: Map<string, string[]>;
  /** Flag -> the values its usage lists. */
  values: Map<string, string[]>;
}

/** Commands, subcommands, flags and flag values, from the usage texts. */
export function wordsOf(commands: readonly Command[]): CommandWords[] {
  return commands.map((command) => {
    const subcommands = new Map<string, string[]>();
    const values = new Map<string, string[]>();
    let current = '';
    for (const line of command.usage.split('\n')) {
      if (!line.trim()) break;
      const head = new RegExp(`^seatwise ${command.name}(?: ([a-z][a-z-]*)(?=\\s|$))?`).exec(line);
      if (head) current = head[1] && !/^[A-Z]/.test(head[1]) ? head[1] : '';
      else if (!/^\s/.test(line)) continue;
      const flags = subcommands.get(current) ?? [];
      for (const m of line.matchAll(/(--[a-z][a-z-]*)(?:[ =]([a-z0-9-]+(?:\|[a-z0-9-]+)+))?/g)) {
        if (!flags.includes(m[1]!)) flags.push(m[1]!);
        if (m[2]) values.set(m[1]!, m[2].split('|'));
      }
      subcommands.set(current, flags);
    }
    return { name: command.name, summary: command.summary, subcommands, values };
  });
}

const subNames = (w: CommandWords): string[] => [...w.subcommands.keys()].filter(Boolean);

function bash(words: CommandWords[]): string {
  const cases = words
    .map((w) => {
      const subs = subNames(w);
      const branches = [...w.subcommands.entries()].filter(([sub]) => sub).map(([sub, flags]) => `        ${sub}) words="${flags.join(' ')}" ;;`);
      const top = [...subs, ...(w.subcommands.get('') ?? [])].join(' ');
      return subs.length
        ? `    ${w.name})\n      case "$sub" in\n        "") words="${top}" ;;\n${branches.join('\n')}\n      esac ;;`
        : `    ${w.name}) words="${top}" ;;`;
    })
    .join('\n');
  const values = words.flatMap((w) => [...w.values.entries()].map(([flag, list]) => `    ${w.name}:${flag}) words="${list.join(' ')}" ;;`));
  return [
    '# seatwise completion for bash. Add to ~/.bashrc:  eval "$(seatwise completion bash)"',
    '_seatwise() {',
    '  local cur prev cmd="" sub="" words="" i w',
    '  cur="${COMP_WORDS[COMP_CWORD]}"',
    '  prev="${COMP_WORDS[COMP_CWORD-1]}"',
    '  for ((i = 1; i < COMP_CWORD; i++)); do',
    '    w="${COMP_WORDS[i]}"',
    '    case "$w" in',
    '      --data-dir) ((i++)) ;;',
    '      -*) ;;',
    '      *) if [[ -z "$cmd" ]]; then cmd="$w"; elif [[ -z "$sub" ]]; then sub="$w"; fi ;;',
    '    esac',
    '  done',
    '  if [[ "$prev" == "--data-dir" ]]; then COMPREPLY=($(compgen -d -- "$cur")); return; fi',
    '  case "$cmd:$prev" in',
    ...values,
    '  esac',
    '  if [[ -n "$words" ]]; then COMPREPLY=($(compgen -W "$words" -- "$cur")); return; fi',
    '  case "$cmd" in',
    `    "") words="${words.map((w) => w.name).join(' ')} ${GLOBAL_FLAGS.join(' ')}" ;;`,
    cases,
    '  esac',
    '  COMPREPLY=($(compgen -W "$words" -- "$cur"))',
    '}',
    'complete -o default -F _seatwise seatwise',
    '',
  ].join('\n');
}

function zsh(words: CommandWords[]): string {
  // zsh runs the bash function through bashcompinit: one definition for both shells.
  return [
    '# seatwise completion for zsh. Add to ~/.zshrc:  eval "$(seatwise completion zsh)"',
    'autoload -U +X compinit && compinit',
    'autoload -U +X bashcompinit && bashcompinit',
    bash(words).split('\n').slice(1).join('\n'),
  ].join('\n');
}

const fishQuote = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function fish(words: CommandWords[]): string {
  const names = words.map((w) => w.name).join(' ');
  const lines = [
    '# seatwise completion for fish. Save as ~/.config/fish/completions/seatwise.fish, or:  seatwise completion fish | source',
    'complete -c seatwise -f',
    'complete -c seatwise -l data-dir -r -F -d "Where Seatwise keeps its data"',
    'complete -c seatwise -l quiet -s q -d "Only data, warnings and errors"',
  ];
  for (const w of words) {
    lines.push(`complete -c seatwise -n "not __fish_seen_subcommand_from ${names}" -a ${w.name} -d ${fishQuote(w.summary)}`);
    const subs = subNames(w);
    if (subs.length) lines.push(`complete -c seatwise -n "__fish_seen_subcommand_from ${w.name}; and not __fish_seen_subcommand_from ${subs.join(' ')}" -a ${fishQuote(subs.join(' '))}`);
    const flags = new Set([...w.subcommands.values()].flat());
    for (const flag of flags) {
      const list = w.values.get(flag);
      lines.push(`complete -c seatwise -n "__fish_seen_subcommand_from ${w.name}" -l ${flag.slice(2)}${list ? ` -x -a ${fishQuote(list.join(' '))}` : ''}`);
    }
  }
  return lines.join('\n') + '\n';
}

export function completionScript(shell: Shell, commands: readonly Command[]): string {
  const words = wordsOf(commands);
  return shell === 'bash' ? bash(words) : shell === 'zsh' ? zsh(words) : fish(words);
}

export function completionCommand(all: () => readonly Command[]): Command {
  return {
    name: NAME,
    summary: 'Print shell completion for bash, zsh or fish',
    usage: ['seatwise completion bash|zsh|fish', '', 'bash: eval "$(seatwise completion bash)" in ~/.bashrc; zsh: the same with zsh in ~/.zshrc;', 'fish: seatwise completion fish > ~/.config/fish/completions/seatwise.fish'].join('\n'),
    examples: ['eval "$(seatwise completion bash)"', 'seatwise completion fish > ~/.config/fish/completions/seatwise.fish'],
    access: () => 'none',
    async run(_ctx, argv) {
      const [shell, extra] = argv;
      if (!shell) throw new UsageError('completion needs a shell: bash, zsh or fish.', NAME);
      if (extra !== undefined) throw new UsageError(`Unexpected argument "${extra}".`, NAME);
      if (!(SHELLS as readonly string[]).includes(shell)) throw new UsageError(`completion knows bash, zsh and fish, not "${shell}".`, NAME);
      process.stdout.write(completionScript(shell as Shell, all()));
      return EXIT.ok;
    },
  };
}
