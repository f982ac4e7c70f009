/** Store failures name the file involved and never touch it: the admin can inspect or restore it. */
export class StoreCorruptError extends Error {
  override readonly name = 'StoreCorruptError';
  constructor(
    readonly file: string,
    reason: string,
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
