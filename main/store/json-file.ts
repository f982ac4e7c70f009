import fs from 'node:fs';
import { DataFile } from 'lowdb/node';
import { StoreCorruptError, StoreVersionError } from './errors.js';

export interface JsonDocumentOptions<T> {
  /** Indented JSON, for files people read (the configuration). */
  pretty?: boolean;
  /** The value as stored, when it differs from T (a snapshot is stored as columns). */
  encode?: (value: T) => unknown;
  /** T from the parsed, checked file; throws on a file whose parts do not fit together. */
  decode?: (value: Record<string, unknown>, path: string) => T;
  /** The file's text from its bytes; UTF-8 unless a format knows better (snapshot-codec.ts). */
  text?: (buffer: Buffer) => string;
}

/**
 * A JSON document on disk. Writes go through lowdb/steno (temp file + rename), so a crash
 * mid-write leaves either the old file or the new one, never half of each. A file that
 * does not parse stops Seatwise with its name, and is never overwritten.
 */
export class JsonDocument<T> {
  private readonly file: DataFile<unknown>;

  constructor(
    readonly path: string,
    private readonly check: (value: unknown) => string | undefined,
    private readonly options: JsonDocumentOptions<T> = {},
  ) {
    this.file = new DataFile<unknown>(path, {
      // Reads do not come through here (see read()); lowdb is used for its atomic write.
      parse: (text) => JSON.parse(text) as unknown,
      stringify: (value) => (options.pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value)),
    });
  }

  exists(): boolean {
    return fs.existsSync(this.path);
  }

  async read(): Promise<T | null> {
    let value: unknown;
    try {
      // Read here rather than through lowdb, to let a format choose how bytes become text.
      const buffer = await fs.promises.readFile(this.path);
      value = JSON.parse(this.options.text ? this.options.text(buffer) : buffer.toString('utf8'));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return null;
      if (error instanceof SyntaxError) throw new StoreCorruptError(this.path, `it is not valid JSON (${error.message})`);
      throw new StoreCorruptError(this.path, `it could not be read (${code ?? (error as Error).message})`);
    }
    // A file holding just `null` counts as absent, as it did when lowdb read it.
    if (value === null) return null;
    const problem = this.check(value);
    if (problem) throw new StoreCorruptError(this.path, problem);
    if (!this.options.decode) return value as T;
    try {
      return this.options.decode(value as Record<string, unknown>, this.path);
    } catch (error) {
      if (error instanceof StoreVersionError) throw error;
      throw new StoreCorruptError(this.path, (error as Error).message);
    }
  }

  async write(value: T): Promise<void> {
    await this.file.write(this.options.encode ? this.options.encode(value) : value);
  }
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
