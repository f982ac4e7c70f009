import fs from 'node:fs';
import path from 'node:path';
import { StoreCorruptError, StoreVersionError, StoreWriteError } from './errors.js';
import { PRIVATE_FILE_MODE } from './private-files.js';

export interface JsonDocumentOptions<T> {
  /** Indented JSON, for files people read (the configuration). */
  pretty?: boolean;
  /** The value as stored, when it differs from T (a snapshot is stored as columns). */
  encode?: (value: T) => unknown;
  /** The stored JSON text in pieces, written as they come: for a document too large to hold as one text. */
  jsonChunks?: (value: T) => Iterable<string>;
  /** T from the parsed, checked file; throws on a file whose parts do not fit together. */
  decode?: (value: Record<string, unknown>, path: string) => T;
  /** The file's text from its bytes; UTF-8 unless a format knows better (snapshot-codec.ts). */
  text?: (buffer: Buffer) => string;
}

/**
 * A JSON document on disk. Writes are atomic (writeFileAtomic), so a crash mid-write leaves
 * either the old file or the new one, never half of each. A file that does not parse or does
 * not fit its schema stops Seatwise with its name, and is never overwritten.
 */
export class JsonDocument<T> {
  constructor(
    readonly path: string,
    private readonly check: (value: unknown) => string | undefined,
    private readonly options: JsonDocumentOptions<T> = {},
  ) {}

  exists(): boolean {
    return fs.existsSync(this.path);
  }

  async read(): Promise<T | null> {
    let value: unknown;
    try {
      // Read here rather than through a library, to let a format choose how bytes become text.
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

  /** The file's new content; throws StoreWriteError with the old file in place. */
  async write(value: T): Promise<void> {
    if (this.options.jsonChunks) return writeFileAtomic(this.path, this.options.jsonChunks(value));
    const stored = this.options.encode ? this.options.encode(value) : value;
    await writeFileAtomic(this.path, this.options.pretty ? JSON.stringify(stored, null, 2) : JSON.stringify(stored));
  }
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `/data/.seatwise.json.tmp`: the name lowdb (steno) used, so its leftovers are found too. */
export const tempPathOf = (file: string): string => path.join(path.dirname(file), `.${path.basename(file)}.tmp`);

// One write at a time per file: two at once would share the temp file, and the last call must
// be the one left on disk. Keyed by path, since several documents may name the same file.
const queues = new Map<string, Promise<void>>();

function oneAtATime(file: string, task: () => Promise<void>): Promise<void> {
  const previous = queues.get(file) ?? Promise.resolve();
  const next = previous.then(task);
  const settled = next.catch(() => undefined);
  queues.set(file, settled);
  void settled.then(() => {
    if (queues.get(file) === settled) queues.delete(file);
  });
  return next;
}

// Windows refuses a rename over a file another process (an indexer, an antivirus) has open for
// a moment; steno retried the same way. A full disk or a read-only folder is not retried.
const TRANSIENT_RENAME = new Set(['EPERM', 'EACCES', 'EBUSY']);

async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await fs.promises.rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (process.platform !== 'win32' || !TRANSIENT_RENAME.has(code) || attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function freeBytes(dir: string): Promise<number | undefined> {
  try {
    const stats = await fs.promises.statfs(dir);
    return Number(stats.bavail) * Number(stats.bsize);
  } catch {
    return undefined;
  }
}

/** Characters of pieces gathered into one write. */
const WRITE_BATCH = 1 << 20;

/**
 * Replaces `file` with `data` atomically: a temp file beside it, created 0600 (never a wider
 * mode later narrowed), written, flushed to the disk, then renamed over the file. On any
 * failure the temp file is removed and the file is left as it was; the error names the file
 * and, for a full disk, the space the write needs (as far as it is known) and the space there is.
 * `data` may come in pieces (UTF-8 text each), written one after the other as they are made.
 */
export function writeFileAtomic(file: string, data: string | Buffer | Iterable<string>): Promise<void> {
  const whole = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.isBuffer(data) ? data : undefined;
  return oneAtATime(file, async () => {
    // Bytes of the pieces made so far; on a full disk, of all of them (see below).
    let size = 0;
    const pieces = whole ? undefined : (data as Iterable<string>)[Symbol.iterator]();
    const temp = tempPathOf(file);
    let handle: fs.promises.FileHandle | undefined;
    try {
      // A temp file left by a crash is replaced, not
      // reused: opening an existing file keeps its mode.
      await fs.promises.rm(temp, { force: true });
      handle = await fs.promises.open(temp, 'wx', PRIVATE_FILE_MODE);
      if (whole) await handle.writeFile(whole);
      else {
        // Small pieces are gathered into writes of about a megabyte.
        let batch: string[] = [];
        let batched = 0;
        const flush = async (): Promise<void> => {
          const bytes = Buffer.from(batch.join(''), 'utf8');
          batch = [];
          batched = 0;
          size += bytes.length;
          await handle!.writeFile(bytes);
        };
        for (let piece = pieces!.next(); !piece.done; piece = pieces!.next()) {
          batch.push(piece.value);
          batched += piece.value.length;
          if (batched >= WRITE_BATCH) await flush();
        }
        if (batch.length) await flush();
      }
      // Some filesystems report a full disk only here (NFS, delayed allocation).
      await handle.datasync();
      await handle.close();
      handle = undefined;
      await renameWithRetry(temp, file);
    } catch (error) {
      await handle?.close().catch(() => undefined);
      await fs.promises.rm(temp, { force: true }).catch(() => undefined);
      const diskFull = ['ENOSPC', 'EDQUOT'].includes((error as NodeJS.ErrnoException).code ?? '');
      // The space to free is the whole file's: the pieces not yet made are made and counted,
      // not written, one at a time as before.
      if (diskFull && pieces) for (let piece = pieces.next(); !piece.done; piece = pieces.next()) size += Buffer.byteLength(piece.value, 'utf8');
      throw new StoreWriteError(file, whole?.length ?? size, error, diskFull ? await freeBytes(path.dirname(file)) : undefined);
    }
  });
}
