import fs from 'node:fs';
import { DataFile } from 'lowdb/node';
import { StoreCorruptError } from './errors.js';

/**
 * A JSON document on disk. Writes go through lowdb/steno (temp file + rename), so a crash
 * mid-write leaves either the old file or the new one, never half of each. A file that
 * does not parse stops Seatwise with its name, and is never overwritten.
 */
export class JsonDocument<T> {
  private readonly file: DataFile<T>;

  constructor(
    readonly path: string,
    private readonly check: (value: unknown) => string | undefined,
    pretty = false,
  ) {
    this.file = new DataFile<T>(path, {
      parse: (text) => JSON.parse(text) as T,
      stringify: (value) => (pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value)),
    });
  }

  exists(): boolean {
    return fs.existsSync(this.path);
  }

  async read(): Promise<T | null> {
    let value: T | null;
    try {
      value = await this.file.read();
    } catch (error) {
      if (error instanceof SyntaxError) throw new StoreCorruptError(this.path, `it is not valid JSON (${error.message})`);
      const code = (error as NodeJS.ErrnoException).code;
      throw new StoreCorruptError(this.path, `it could not be read (${code ?? (error as Error).message})`);
    }
    if (value === null) return null;
    const problem = this.check(value);
    if (problem) throw new StoreCorruptError(this.path, problem);
    return value;
  }

  async write(value: T): Promise<void> {
    await this.file.write(value);
  }
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
