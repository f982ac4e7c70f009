/**
 * The on-disk form of a profile's snapshot (`profiles/<id>/snapshot.json`).
 *
 * Format 1 (schema 1) stored `subscriptions` as an array of objects: 74 MB for 200,000 seats,
 * and most of the reopen time went to JSON.parse creating 3.2 million properties and
 * internalising every short string (V8 internalises string values of up to 10 characters, so
 * ids such as "u12345" cost a string-table insert each).
 *
 * Format 2 stores one column per field instead (about 17 MB for the same seats):
 * - few distinct values (profileId, orgId, licenseType, booleans, sync dates): a dictionary and
 *   one character per row (`codes`), or one integer per row when the dictionary is large;
 * - strings that are all different (ids, emails, names): one string joined by a separator
 *   that none of them contains, split back in one native call;
 * - anything else: a plain array of the values.
 * Absent fields stay absent (a `present` mask), so a record reads back exactly as written.
 * Records are rebuilt as plain objects: the store's API still returns `SubscriptionRecord[]`.
 * Dates stay ISO strings: repeated ones land in a dictionary, and rebuilding unique ones from
 * epoch numbers (toISOString) cost more than parsing the strings, and would lose their offsets.
 * Measured on 200,000 seats (2 loaded cores): reopen about 200-280 ms instead of 580-750 ms.
 */
import { isAscii } from 'node:buffer';
import type { SubscriptionRecord } from '../reclamation/types.js';
import type { Snapshot } from './schema.js';
import { StoreVersionError } from './errors.js';
import { isObject } from './json-file.js';
import { checkRecords, fieldTests, problemOf, snapshotHeadSchema, subscriptionSchema } from './data-schemas.js';

export const SNAPSHOT_FORMAT = 2;

type Column =
  | { kind: 'dict'; values: unknown[]; codes: string }
  | { kind: 'dict'; values: unknown[]; indexes: number[] }
  | { kind: 'joined'; separator: string; text: string; present?: string }
  | { kind: 'values'; values: unknown[]; present?: string };

export interface SnapshotFileV2 extends Omit<Snapshot, 'subscriptions'> {
  snapshotFormat: typeof SNAPSHOT_FORMAT;
  subscriptionCount: number;
  /** One column per field, in the order fields were first seen. */
  subscriptionColumns: Record<string, Column>;
}

/** Thrown for a snapshot file whose columns do not fit together; the store reports it as corrupt. */
export class SnapshotFormatError extends Error {}

// One character per row for dictionaries of up to 92 entries: printable ASCII without `"` and
// `\`, so JSON stores each code as one byte. The space means "absent".
const CODE_CHARS = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).filter((c) => c !== '"' && c !== '\\');
const ABSENT_CODE = CODE_CHARS[0]!;
const MAX_CODED = CODE_CHARS.length - 1;
const CODE_INDEX = new Int16Array(128).fill(-2);
CODE_CHARS.forEach((c, i) => (CODE_INDEX[c.charCodeAt(0)] = i - 1));
// DEL first: JSON writes it as one byte and names do not contain it. The others need escaping.
const SEPARATORS = ['\x7f', '\x1f', '\x1e', '\x1d', '\x1c', '\x00'];
const PRESENT = '1';
const MISSING = '0';

/** A value JSON would drop from an object: the key is absent. */
const isAbsent = (value: unknown): boolean => value === undefined || typeof value === 'function' || typeof value === 'symbol';

/** One byte per row, as a string: '1' where the value is present, '0' where absent. */
function presentMask(values: unknown[], present: number): string | undefined {
  if (present === values.length) return undefined;
  const mask = Buffer.alloc(values.length, PRESENT);
  for (let i = 0; i < values.length; i++) if (isAbsent(values[i])) mask[i] = MISSING.charCodeAt(0);
  return mask.toString('latin1');
}

// A dictionary pays when values repeat: at most one entry per four rows, and no more than this
// many (a column of unique values gives up early instead of hashing every value).
const MAX_DICTIONARY = 4096;

/** A column as encoded, before its strings are joined (the file's text is written in batches of them). */
type Encoded = Exclude<Column, { kind: 'joined' }> | { kind: 'joined'; separator: string; strings: string[]; present?: string };

function encodeColumn(values: unknown[]): Encoded {
  const count = values.length;
  const dictionary = new Map<unknown, number>();
  const maxEntries = Math.min(MAX_DICTIONARY, Math.max(1, count >> 2));
  const entryOf = new Int32Array(count).fill(-1);
  let present = 0;
  let fitsDictionary = true;
  for (let i = 0; i < count; i++) {
    const value = values[i];
    if (isAbsent(value)) continue;
    present += 1;
    if (!fitsDictionary) continue;
    let entry = dictionary.get(value);
    if (entry === undefined) {
      // Objects and arrays are kept as they are: a dictionary would key them by identity.
      if ((typeof value === 'object' && value !== null) || dictionary.size >= maxEntries) {
        fitsDictionary = false;
        continue;
      }
      entry = dictionary.size;
      dictionary.set(value, entry);
    }
    entryOf[i] = entry;
  }
  if (fitsDictionary) {
    const entries = [...dictionary.keys()];
    if (entries.length <= MAX_CODED) {
      const codes = Buffer.alloc(count, ABSENT_CODE);
      for (let i = 0; i < count; i++) if (entryOf[i]! >= 0) codes[i] = CODE_CHARS[entryOf[i]! + 1]!.charCodeAt(0);
      return { kind: 'dict', values: entries, codes: codes.toString('latin1') };
    }
    return { kind: 'dict', values: entries, indexes: Array.from(entryOf) };
  }
  const mask = presentMask(values, present);
  const kept = present === count ? values : values.filter((v) => !isAbsent(v));
  if (kept.every((v) => typeof v === 'string')) {
    const strings = kept as string[];
    const separator = SEPARATORS.find((c) => !strings.some((v) => v.includes(c)));
    if (separator !== undefined) return { kind: 'joined', separator, strings, ...(mask ? { present: mask } : {}) };
  }
  return { kind: 'values', values: kept, ...(mask ? { present: mask } : {}) };
}

function materialized(column: Encoded): Column {
  if (column.kind !== 'joined') return column;
  const { separator, strings, present } = column;
  return { kind: 'joined', separator, text: strings.join(separator), ...(present === undefined ? {} : { present }) };
}

/** Strings per piece of a joined column's text: a few hundred kilobytes, never the whole column. */
const JOINED_BATCH = 8192;

/**
 * `JSON.stringify(materialized(column))` in pieces. JSON escapes character by character, and
 * the pieces are cut at separators (ASCII), never inside a surrogate pair, so the pieces'
 * escapes are the whole text's.
 */
function* columnJson(column: Encoded): Generator<string> {
  if (column.kind !== 'joined') {
    yield JSON.stringify(column);
    return;
  }
  const { separator, strings, present } = column;
  const between = JSON.stringify(separator).slice(1, -1);
  yield `{"kind":"joined","separator":${JSON.stringify(separator)},"text":"`;
  for (let i = 0; i < strings.length; i += JOINED_BATCH) {
    yield (i === 0 ? '' : between) + JSON.stringify(strings.slice(i, i + JOINED_BATCH).join(separator)).slice(1, -1);
  }
  yield present === undefined ? '"}' : `","present":${JSON.stringify(present)}}`;
}

/** The fields of the records, in the order first seen: own enumerable keys, as JSON.stringify writes them. */
function fieldsOf(subscriptions: SubscriptionRecord[]): string[] {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const record of subscriptions) {
    for (const key in record) {
      if (!seen.has(key) && Object.hasOwn(record, key)) {
        seen.add(key);
        keys.push(key);
      }
    }
  }
  return keys;
}

function columnOf(subscriptions: SubscriptionRecord[], key: string): Encoded {
  const count = subscriptions.length;
  const values = new Array<unknown>(count);
  const rows = subscriptions as unknown as Record<string, unknown>[];
  // A record without "__proto__" would otherwise yield Object.prototype.
  if (key === '__proto__') for (let i = 0; i < count; i++) values[i] = Object.hasOwn(rows[i]!, key) ? rows[i]![key] : undefined;
  else for (let i = 0; i < count; i++) values[i] = rows[i]![key];
  return encodeColumn(values);
}

/** The snapshot as stored (the file's parsed JSON). */
export function encodeSnapshot(snapshot: Snapshot): SnapshotFileV2 {
  const { subscriptions, ...rest } = snapshot;
  // fromEntries defines properties, so even a key named "__proto__" stays a column.
  const columns = Object.fromEntries(fieldsOf(subscriptions).map((key) => [key, materialized(columnOf(subscriptions, key))]));
  // The format first: snapshotText recognises the file by its first bytes.
  return { snapshotFormat: SNAPSHOT_FORMAT, ...rest, subscriptionCount: subscriptions.length, subscriptionColumns: columns };
}

/**
 * The stored JSON text, exactly `JSON.stringify(encodeSnapshot(snapshot))`, in pieces: a
 * million subscriptions make text columns of tens of megabytes, and holding them, then the
 * whole text, then its bytes at once cost about as much as the records. A text column comes in
 * pieces of a few hundred kilobytes; the others (a character or a small number a row) whole.
 *
 * The columns are taken at the call, as encodeSnapshot takes them: callers change records in
 * place (a reclaim marks its seats), and the file holds the records as they were when the
 * write was asked for, never one field before a change and the next after it.
 */
export function snapshotJsonChunks(snapshot: Snapshot): Iterable<string> {
  const { subscriptions, ...rest } = snapshot;
  const head = JSON.stringify({ snapshotFormat: SNAPSHOT_FORMAT, ...rest, subscriptionCount: subscriptions.length });
  const columns = fieldsOf(subscriptions).map((key) => [key, columnOf(subscriptions, key)] as const);
  return (function* (): Generator<string> {
    yield `${head.slice(0, -1)},"subscriptionColumns":{`;
    for (const [i, [key, column]] of columns.entries()) {
      yield `${i === 0 ? '' : ','}${JSON.stringify(key)}:`;
      yield* columnJson(column);
    }
    yield '}}';
  })();
}

/**
 * A decoded column: row i's value is `values[index[i]]`, or `values[i]` without an index. An
 * absent field points one past the values, where an `undefined` is appended. Indexes live in
 * a typed array: no per-row pointers for the garbage collector to trace while records are built.
 */
interface Decoded {
  values: unknown[];
  index: Int32Array | undefined;
}

const at = (column: Decoded, i: number): unknown => (column.index === undefined ? column.values[i] : column.values[column.index[i]!]);

/** Applies a present mask: row i points at the next present value, or at the appended undefined. */
function withMask(values: unknown[], present: string | undefined, count: number, key: string): Decoded {
  if (present === undefined) {
    if (values.length !== count) throw new SnapshotFormatError(`column "${key}" has ${values.length} values for ${count} subscriptions`);
    return { values, index: undefined };
  }
  if (present.length !== count) throw new SnapshotFormatError(`column "${key}" marks ${present.length} rows for ${count} subscriptions`);
  const absent = values.length;
  const index = new Int32Array(count);
  let next = 0;
  for (let i = 0; i < count; i++) index[i] = present.charCodeAt(i) === 0x31 ? next++ : absent;
  if (next !== values.length) throw new SnapshotFormatError(`column "${key}" has ${values.length} values for ${next} present rows`);
  values.push(undefined);
  return { values, index };
}

function decodeColumn(column: unknown, count: number, key: string): Decoded {
  if (!isObject(column)) throw new SnapshotFormatError(`column "${key}" is not a column`);
  const present = typeof column.present === 'string' ? column.present : undefined;
  switch (column.kind) {
    case 'dict': {
      if (!Array.isArray(column.values)) throw new SnapshotFormatError(`column "${key}" has no dictionary`);
      const values = column.values as unknown[];
      const absent = values.length;
      const index = new Int32Array(count);
      if (typeof column.codes === 'string') {
        const codes = column.codes;
        if (codes.length !== count) throw new SnapshotFormatError(`column "${key}" has ${codes.length} codes for ${count} subscriptions`);
        for (let i = 0; i < count; i++) {
          const c = codes.charCodeAt(i);
          const entry = c < 128 ? CODE_INDEX[c]! : -2;
          if (entry < -1 || entry >= absent) throw new SnapshotFormatError(`column "${key}" has an unknown code at row ${i}`);
          index[i] = entry === -1 ? absent : entry;
        }
      } else {
        if (!Array.isArray(column.indexes) || column.indexes.length !== count) throw new SnapshotFormatError(`column "${key}" has no index per subscription`);
        const indexes = column.indexes as unknown[];
        for (let i = 0; i < count; i++) {
          const entry = indexes[i];
          if (typeof entry !== 'number' || !Number.isInteger(entry) || entry < -1 || entry >= absent) throw new SnapshotFormatError(`column "${key}" has an unknown index at row ${i}`);
          index[i] = entry === -1 ? absent : entry;
        }
      }
      values.push(undefined);
      return { values, index };
    }
    case 'joined':
      if (typeof column.text !== 'string' || typeof column.separator !== 'string' || column.separator.length !== 1) throw new SnapshotFormatError(`column "${key}" has no joined text`);
      return withMask(column.text.split(column.separator), present, count, key);
    case 'values':
      if (!Array.isArray(column.values)) throw new SnapshotFormatError(`column "${key}" has no values`);
      return withMask(column.values as unknown[], present, count, key);
    default:
      throw new SnapshotFormatError(`column "${key}" is of unknown kind ${JSON.stringify(column.kind)}`);
  }
}

/** Sets a field as JSON.parse would: an own property, even for a key named "__proto__". */
function setField(record: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}

/** Some row lacks the field; read from the encoded column, cheaper than scanning the decoded one. */
function hasAbsent(column: Column): boolean {
  if (column.kind === 'dict') return 'codes' in column ? column.codes.includes(ABSENT_CODE) : column.indexes.includes(-1);
  return column.present !== undefined && column.present.includes(MISSING);
}

const REQUIRED = ['id', 'profileId', 'orgId', 'userId', 'email', 'name', 'licenseType', 'active', 'admin', 'owner', 'paid', 'connectedAccount', 'firstSeenAt', 'lastSeenAt'] as const;
const OPTIONAL = ['startedAt', 'lastActivityAt', 'reclaimRef', 'lastActivitySource'] as const;
// Adding a field to SubscriptionRecord without listing it here fails to compile (it would still
// round-trip, through the slower generic path).
type Unlisted = Exclude<keyof SubscriptionRecord, (typeof REQUIRED)[number] | (typeof OPTIONAL)[number]>;
const allListed: [Unlisted] extends [never] ? true : never = true;
void allListed;

/**
 * Rebuilds one record at a time. The usual case (every required field in every row) builds
 * each record as one object literal, which V8 allocates with its final shape; anything else
 * goes through a generic path that assigns field by field.
 */
function recordBuilder(columns: Map<string, Decoded>, sparse: Set<string>, count: number): (i: number) => SubscriptionRecord {
  if (REQUIRED.every((k) => columns.has(k) && !sparse.has(k))) {
    const none: Decoded = { values: [undefined], index: new Int32Array(count) };
    const c = (k: string): Decoded => columns.get(k) ?? none;
    const [ids, profileIds, orgIds, userIds, emails, names, licenseTypes, actives, admins, owners, paids, connectedAccounts, firstSeenAts, lastSeenAts] = REQUIRED.map(c) as Decoded[];
    const [startedAts, lastActivityAts, reclaimRefs, lastActivitySources] = OPTIONAL.map(c) as Decoded[];
    const known = new Set<string>([...REQUIRED, ...OPTIONAL]);
    const others = [...columns].filter(([key]) => !known.has(key));
    return (i) => {
      const id = at(ids!, i) as string, profileId = at(profileIds!, i) as string, orgId = at(orgIds!, i) as string, userId = at(userIds!, i) as string;
      const email = at(emails!, i) as string, name = at(names!, i) as string, licenseType = at(licenseTypes!, i) as string;
      const active = at(actives!, i) as boolean, admin = at(admins!, i) as boolean, owner = at(owners!, i) as boolean, paid = at(paids!, i) as boolean;
      const connectedAccount = at(connectedAccounts!, i) as boolean, firstSeenAt = at(firstSeenAts!, i) as string, lastSeenAt = at(lastSeenAts!, i) as string;
      const startedAt = at(startedAts!, i) as string | undefined, lastActivityAt = at(lastActivityAts!, i) as string | undefined;
      // One literal per combination of the two common optional fields: a field added after
      // the literal would cost each record a separate property array.
      let record: SubscriptionRecord;
      if (startedAt !== undefined && lastActivityAt !== undefined) {
        record = { id, profileId, orgId, userId, email, name, licenseType, active, admin, owner, paid, connectedAccount, startedAt, lastActivityAt, firstSeenAt, lastSeenAt };
      } else if (startedAt !== undefined) {
        record = { id, profileId, orgId, userId, email, name, licenseType, active, admin, owner, paid, connectedAccount, startedAt, firstSeenAt, lastSeenAt };
      } else if (lastActivityAt !== undefined) {
        record = { id, profileId, orgId, userId, email, name, licenseType, active, admin, owner, paid, connectedAccount, lastActivityAt, firstSeenAt, lastSeenAt };
      } else {
        record = { id, profileId, orgId, userId, email, name, licenseType, active, admin, owner, paid, connectedAccount, firstSeenAt, lastSeenAt };
      }
      const reclaimRef = at(reclaimRefs!, i) as string | undefined;
      if (reclaimRef !== undefined) record.reclaimRef = reclaimRef;
      const source = at(lastActivitySources!, i) as 'sso' | undefined;
      if (source !== undefined) record.lastActivitySource = source;
      for (const [key, column] of others) {
        const value = at(column, i);
        if (value !== undefined) setField(record as unknown as Record<string, unknown>, key, value);
      }
      return record;
    };
  }
  const entries = [...columns];
  return (i) => {
    const record: Record<string, unknown> = {};
    for (const [key, column] of entries) {
      const value = at(column, i);
      if (value !== undefined) setField(record, key, value);
    }
    return record as unknown as SubscriptionRecord;
  };
}

/**
 * A snapshot's seats as its columns, each record built when it is asked for: a repeat sync
 * looks up the previous seats this way instead of holding a million records beside the new.
 */
export interface SnapshotRows {
  readonly count: number;
  /** Row i's subscription id, without building its record. */
  id(i: number): string;
  /** Row i's record, a new object at every call. */
  record(i: number): SubscriptionRecord;
}

const FORMAT_PREFIX = Buffer.from('{"snapshotFormat":');

/**
 * The file's text. An ASCII file in format 2 is decoded as latin1, which Node hands to V8
 * without decoding (about 1 ms for 17 MB; UTF-8 decoding takes 20-30 ms). Not for format 1:
 * V8 parses an external string's 3.2 million keys markedly slower than a decoded one's.
 */
export function snapshotText(buffer: Buffer): string {
  const columnar = buffer.subarray(0, FORMAT_PREFIX.length).equals(FORMAT_PREFIX);
  return columnar && isAscii(buffer) ? buffer.toString('latin1') : buffer.toString('utf8');
}

/**
 * Problem with the parsed file, or undefined; run before `decodeSnapshot`. Checks the file
 * whole: its envelope, and every subscription's known fields, with the path of the record
 * (`subscriptions[17].active`) in either format. decodeSnapshot itself reads back any record
 * exactly, even one this check refuses.
 */
export function checkSnapshotFile(value: unknown): string | undefined {
  if (!isObject(value)) return 'its top level is not an object';
  if (value.snapshotFormat === undefined) {
    if (!Array.isArray(value.subscriptions)) return 'it has no subscriptions list';
    return problemOf(snapshotHeadSchema, value) ?? checkRecords(value.subscriptions, subscriptionSchema, ['subscriptions']);
  }
  if (typeof value.snapshotFormat !== 'number') return 'its snapshotFormat is not a number';
  if (!Number.isInteger(value.subscriptionCount) || (value.subscriptionCount as number) < 0) return 'its subscriptionCount is not a count';
  if (!isObject(value.subscriptionColumns)) return 'it has no subscription columns';
  // A newer format is refused by decodeSnapshot, whatever its columns hold.
  if (value.snapshotFormat > SNAPSHOT_FORMAT) return undefined;
  return problemOf(snapshotHeadSchema, value) ?? checkColumns(value.subscriptionCount as number, value.subscriptionColumns);
}

const SUBSCRIPTION_FIELDS = fieldTests(subscriptionSchema)!;

/** The row holding the n-th stored value of a column: the n-th '1' of its mask. */
function rowOfValue(present: unknown, n: number): number {
  if (typeof present !== 'string') return n;
  let seen = -1;
  for (let i = 0; i < present.length; i++) if (present.charCodeAt(i) === 0x31 && ++seen === n) return i;
  return -1;
}

function firstAbsentRow(column: Record<string, unknown>): number {
  if (column.kind === 'dict') {
    if (typeof column.codes === 'string') return column.codes.indexOf(ABSENT_CODE);
    return Array.isArray(column.indexes) ? column.indexes.indexOf(-1) : -1;
  }
  return typeof column.present === 'string' ? column.present.indexOf(MISSING) : -1;
}

function firstRowOfEntry(column: Record<string, unknown>, entry: number): number {
  if (typeof column.codes === 'string') return column.codes.indexOf(CODE_CHARS[entry + 1] ?? '');
  return Array.isArray(column.indexes) ? column.indexes.indexOf(entry) : -1;
}

/**
 * The known fields, checked column by column rather than record by record: a dictionary's
 * few values, a joined column's kind (always strings), a plain column's values. A few
 * milliseconds for 200,000 records, where checking each rebuilt record took ten times that.
 * A column whose structure is broken is left to decodeColumn, which names what is wrong.
 */
function checkColumns(count: number, columns: Record<string, unknown>): string | undefined {
  if (count === 0) return undefined;
  for (const [key, field] of SUBSCRIPTION_FIELDS) {
    const at = (row: number): (string | number)[] => ['subscriptions', row, key];
    if (!Object.hasOwn(columns, key)) {
      if (field.required) return problemOf(field.schema, undefined, at(0));
      continue;
    }
    const column = columns[key];
    if (!isObject(column)) continue;
    if (field.required) {
      const row = firstAbsentRow(column);
      if (row >= 0) return problemOf(field.schema, undefined, at(row));
    }
    if (column.kind === 'dict' && Array.isArray(column.values)) {
      const values = column.values as unknown[];
      for (let entry = 0; entry < values.length; entry++) {
        if (field.test(values[entry])) continue;
        const row = firstRowOfEntry(column, entry);
        if (row >= 0) return problemOf(field.schema, values[entry], at(row));
      }
    } else if (column.kind === 'joined' && typeof column.text === 'string' && typeof column.separator === 'string') {
      if (field.test('')) continue;
      const row = rowOfValue(column.present, 0);
      if (row >= 0) return problemOf(field.schema, column.text.split(column.separator, 1)[0], at(row));
    } else if (column.kind === 'values' && Array.isArray(column.values)) {
      const values = column.values as unknown[];
      for (let n = 0; n < values.length; n++) {
        if (field.test(values[n])) continue;
        const row = rowOfValue(column.present, n);
        if (row >= 0) return problemOf(field.schema, values[n], at(row));
      }
    }
  }
  return undefined;
}

/**
 * The snapshot from its parsed file, in either format. Throws SnapshotFormatError on a bad file
 * and StoreVersionError on one from a newer Seatwise.
 */
export function decodeSnapshot(value: Record<string, unknown>, file = 'snapshot.json'): Snapshot {
  // Format 1: records as they are.
  if (value.snapshotFormat === undefined) return value as unknown as Snapshot;
  const { head, rows } = decodeSnapshotRows(value, file);
  const subscriptions = new Array<SubscriptionRecord>(rows.count);
  for (let i = 0; i < rows.count; i++) subscriptions[i] = rows.record(i);
  return { ...head, subscriptions };
}

/** As decodeSnapshot, with the seats left in their columns (SnapshotRows). */
export function decodeSnapshotRows(value: Record<string, unknown>, file = 'snapshot.json'): { head: Omit<Snapshot, 'subscriptions'>; rows: SnapshotRows } {
  // Format 1: records as they are.
  if (value.snapshotFormat === undefined) {
    const { subscriptions, ...head } = value as unknown as Snapshot;
    return { head, rows: { count: subscriptions.length, id: (i) => subscriptions[i]!.id, record: (i) => ({ ...subscriptions[i]! }) } };
  }
  if ((value.snapshotFormat as number) > SNAPSHOT_FORMAT) throw new StoreVersionError(file, value.snapshotFormat as number, SNAPSHOT_FORMAT);
  const { snapshotFormat: _format, subscriptionCount, subscriptionColumns, ...rest } = value as unknown as SnapshotFileV2;
  const columns = new Map<string, Decoded>();
  // Columns where some record lacks the field: those fields cannot go in the object literal.
  const sparse = new Set<string>();
  for (const [key, column] of Object.entries(subscriptionColumns)) {
    columns.set(key, decodeColumn(column, subscriptionCount, key));
    if (hasAbsent(column)) sparse.add(key);
  }
  const ids = columns.get('id');
  const record = recordBuilder(columns, sparse, subscriptionCount);
  return {
    head: rest as Omit<Snapshot, 'subscriptions'>,
    rows: { count: subscriptionCount, id: ids ? (i) => at(ids, i) as string : (i) => record(i).id, record },
  };
}
