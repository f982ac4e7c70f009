/**
 * The seats of a profile's last committed snapshot, looked up by subscription id: what a repeat
 * sync merges each new seat with (first seen, last activity, the strings that did not change).
 */
import type { SubscriptionRecord } from '../reclamation/types.js';
import type { SnapshotRows } from './snapshot-codec.js';

export interface PreviousSeats {
  readonly count: number;
  get(id: string): SubscriptionRecord | undefined;
}

/** Over records already in memory. */
export function seatsOfRecords(records: readonly SubscriptionRecord[]): PreviousSeats {
  const byId = new Map<string, SubscriptionRecord>();
  for (const record of records) byId.set(record.id, record);
  return { count: records.length, get: (id) => byId.get(id) };
}

/**
 * Over a snapshot left in its columns: a row number per id, and the record built when it is
 * looked up (it dies young), instead of a million records held beside the new ones.
 */
export function seatsOfRows(rows: SnapshotRows): PreviousSeats {
  const rowOf = new Map<string, number>();
  for (let i = 0; i < rows.count; i++) rowOf.set(rows.id(i), i);
  return {
    count: rows.count,
    get: (id) => {
      const row = rowOf.get(id);
      return row === undefined ? undefined : rows.record(row);
    },
  };
}
