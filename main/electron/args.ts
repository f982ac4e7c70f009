/**
 * Command-line and environment options of the desktop app. The data dir follows the same
 * order as the CLI: `--data-dir`, then SEATWISE_DATA_DIR, then the OS app-data folder.
 */
import path from 'node:path';

export interface ShellOptions {
  dataDir: string;
  demo: boolean;
}

export function parseShellOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, defaultDataDir: string): ShellOptions {
  const fromArgs = flagValue(argv, '--data-dir');
  const fromEnv = env.SEATWISE_DATA_DIR?.trim();
  const dataDir = path.resolve(fromArgs || fromEnv || defaultDataDir);
  const demo = argv.includes('--demo') || env.SEATWISE_DEMO === '1';
  return { dataDir, demo };
}

/** Accepts `--name value` and `--name=value`; the last one given wins. */
export function flagValue(argv: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === undefined) continue;
    if (arg === name) {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) value = next;
      i++;
    } else if (arg.startsWith(`${name}=`)) {
      value = arg.slice(name.length + 1);
    }
  }
  return value?.trim() || undefined;
}
