import { AppError } from '../errors.js';

/** Store failures name the file involved and never touch it: the admin can inspect or restore it. */
export class StoreCorruptError extends Error {
  override readonly name = 'StoreCorruptError';
  constructor(
    readonly file: string,
    /** What is wrong, e.g. `"rules[3].thresholdDays" is not a number (found a string)`. */
    readonly reason: string,
  ) {
    super(
      `Seatwise cannot read its data file ${file}: ${reason}. ` +
        'The file was left exactly as it is. Restore it from a backup, or move it away to start fresh.',
    );
  }
}

export class StoreLockedError extends Error {
  override readonly name = 'StoreLockedError';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
    readonly holder: string,
  ) {
    super(`The data folder ${dataDir} is in use by pid ${pid} (${holder}). Close it, or use another --data-dir.`);
  }
}

export class StoreVersionError extends Error {
  override readonly name = 'StoreVersionError';
  constructor(file: string, found: number, supported: number) {
    super(
      `The data file ${file} was written by a newer Seatwise (schema ${found}; this version reads up to ${supported}). ` +
        'Update Seatwise; the file was not changed.',
    );
  }
}

const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT']);

/**
 * A data file could not be written. The previous version is still in place and the temp file
 * is gone (json-file.ts); the running app still holds that previous version, not the change.
 * An AppError, so both transports and the CLI show its words rather than "internal error".
 */
export class StoreWriteError extends AppError {
  readonly errno: string | undefined;

  constructor(
    readonly file: string,
    readonly bytes: number,
    cause: unknown,
    readonly freeBytes?: number,
    /** What went before, e.g. the failure of the sync this write was to record. */
    lead = '',
  ) {
    const errno = (cause as NodeJS.ErrnoException | null)?.code;
    const diskFull = errno !== undefined && DISK_FULL_CODES.has(errno);
    const what = diskFull
      ? `the disk is full${errno === 'EDQUOT' ? ' (the disk quota is used up)' : ''}. Writing it needs ${formatBytes(bytes)} free` +
        (freeBytes === undefined ? '' : `; ${formatBytes(freeBytes)} ${freeBytes === 1 ? 'is' : 'are'} free there`)
      : `${errno ?? 'error'} (${(cause as Error | null)?.message ?? String(cause)})`;
    super(
      diskFull ? 'disk_full' : 'store_write_failed',
      `${lead}Seatwise could not save ${file}: ${what}. The previous version of the file was kept as it was` +
        (diskFull ? '; free some space and try again.' : '.'),
      diskFull,
    );
    this.errno = errno;
    this.cause = cause;
  }

  get diskFull(): boolean {
    return this.errno !== undefined && DISK_FULL_CODES.has(this.errno);
  }

  /** The same failure, told after `lead`. */
  after(lead: string): StoreWriteError {
    return new StoreWriteError(this.file, this.bytes, this.cause, this.freeBytes, lead);
  }
}

/** "812 bytes", "35.2 KB (36,044 bytes)", "16.9 MB (17,721,344 bytes)": the exact count for a person who checks df. */
export function formatBytes(bytes: number): string {
  const exact = `${bytes.toLocaleString('en-US')} ${bytes === 1 ? 'byte' : 'bytes'}`;
  if (bytes < 1024) return exact;
  const [value, unit] = bytes < 1024 ** 2 ? [bytes / 1024, 'KB'] : bytes < 1024 ** 3 ? [bytes / 1024 ** 2, 'MB'] : [bytes / 1024 ** 3, 'GB'];
  return `${value.toFixed(1)} ${unit} (${exact})`;
}
