import { SCHEMA_VERSION, type RootData } from './schema.js';

/**
 * Migration n turns a root document of schema n into schema n + 1. Append only: a
 * released migration is never edited. Version 1 is the first released schema.
 */
export const MIGRATIONS: Record<number, (data: Record<string, unknown>) => Record<string, unknown>> = {};

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
