import readline from 'node:readline/promises';

/** Asks on the terminal (the question on stderr, so stdout stays data); the trimmed answer. */
export async function ask(question: string): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

/** True only for "y" or "yes": anything else, an empty line included, is no. */
export async function askYesNo(question: string): Promise<boolean> {
  return /^y(es)?$/i.test(await ask(question));
}
