/** Prints rows as an aligned table; the CLI's human output. */
export function table(rows: Record<string, string | number | undefined | null>[], columns: string[]): string {
  if (!rows.length) return '';
  const cell = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]): string => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(columns.map((c) => c.toUpperCase())), ...rows.map((r) => line(columns.map((c) => cell(r[c]))))].join('\n');
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

let quiet = false;

/** --quiet: confirmations, notes and progress are left out; data, warnings and errors are not. */
export function setQuiet(value: boolean): void {
  quiet = value;
}

export function isQuiet(): boolean {
  return quiet;
}

/** A confirmation or note for a person ("Added ...", "No candidates."): left out with --quiet. */
export function say(text: string): void {
  if (!quiet) process.stdout.write(text);
}

/** The same, on standard error (beside data on standard output: "Wrote 12 rows to ..."). */
export function note(text: string): void {
  if (!quiet) process.stderr.write(text);
}

/** Progress goes to stderr, and only for a person at a terminal: scripts get clean stdout. */
export function progressLine(text: string): void {
  if (process.stderr.isTTY && !quiet) process.stderr.write(`\r\x1b[2K${text}`);
}

export function endProgress(): void {
  if (process.stderr.isTTY && !quiet) process.stderr.write('\r\x1b[2K');
}

let stdoutClosed = false;

/**
 * A reader that stops early (`seatwise notices | head -1`) closes the pipe: the next write
 * fails with EPIPE. That is the reader's choice, not a failure: the rest of the output is
 * dropped, the command finishes what it was doing, and the exit code is 0.
 */
export function guardStdout(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stdoutClosed = true;
  });
  const write = process.stdout.write.bind(process.stdout) as (...args: unknown[]) => boolean;
  process.stdout.write = ((...args: unknown[]) => {
    if (!stdoutClosed) return write(...args);
    const done = args.find((a) => typeof a === 'function') as (() => void) | undefined;
    done?.();
    return true;
  }) as typeof process.stdout.write;
}

/** True once the reader of standard output has gone away; an error then is that, not a failure. */
export function isClosedOutput(error?: unknown): boolean {
  return stdoutClosed || (error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE';
}
