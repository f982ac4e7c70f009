import { SCHEMA_VERSION, type RootData } from './schema.js';

/**
 * Migration n turns a root document of schema n into schema n + 1. Append only: a
 * released migration is never edited. Version 1 is the first released schema.
 */
export const MIGRATIONS: Record<number, (data: Record<string, unknown>) => Record<string, unknown>> = {
  // 1 -> 2: snapshots moved to a columnar file. Snapshot files of schema 1 are read as they
  // are and rewritten in the new format at the profile's next sync, so the root is unchanged
  // and opening a large folder does not rewrite every snapshot.
  1: (data) => data,
};

export function migrate(data: Record<string, unknown>): { data: RootData; migrated: boolean } {
  let version = typeof data.schemaVersion === 'number' ? data.schemaVersion : 0;
  let current = data;
  const startVersion = version;
  while (version < SCHEMA_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) throw new Error(`No migration from schema ${version}.`);
    current = { ...step(current), schemaVersion: version + 1 };
    version += 1;
  }
  return { data: current as unknown as RootData, migrated: version !== startVersion };
}
