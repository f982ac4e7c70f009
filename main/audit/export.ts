/**
 * Export of the audit log to CSV or JSON, newest first (the order `audit:list` and the Audit
 * screen show). The file is written the way every export is: to a temp file beside the target,
 * then renamed over it (main/export/atomic-file.ts).
 *
 *   CSV   RFC 4180 (CRLF, quoting) by the candidates export's own `csvText`, UTF-8 without
 *         a BOM, a header row, one event a row; `before` and `after` as JSON text; the
 *         integration's name beside its id. String cells (and every line inside one) that a
 *         spreadsheet would read as a formula are neutralised, exactly as in the candidates
 *         export (main/export/neutralize.ts): messages and targets come from vendors and
 *         people, so they are untrusted.
 *   JSON  the events themselves, an array of objects with the audit log's own fields: a
 *         lossless copy for scripts, not spreadsheet cells, so not neutralised.
 */
import path from 'node:path';
import { open } from 'node:fs/promises';
import type { AuditEventView, AuditExportFormat } from '../../preload/contract.js';
import { invalid } from '../errors.js';
import { writeFileAtomically } from '../export/atomic-file.js';
import { csvText } from '../export/csv.js';
import { ensureExportsFolder } from '../export/exports-folder.js';
import { neutralizeCell } from '../export/neutralize.js';

/** The CSV header, in column order: the audit event's fields, plus the integration's name. */
export const AUDIT_CSV_COLUMNS = ['id', 'at', 'actor', 'action', 'profileId', 'profile', 'target', 'message', 'before', 'after'] as const;

/** Rows per write: large logs stream in slices instead of one giant string. */
const BATCH = 1000;

export interface AuditExportInput {
  format: AuditExportFormat;
  /** Absolute path of the file to write; replaced atomically. */
  out: string;
}

export interface AuditExportSource {
  /** The events, newest first. */
  events: readonly AuditEventView[];
  /** Integration names by profile id; events of removed profiles keep only the id. */
  profileNames: ReadonlyMap<string, string>;
  /** Seatwise's data folder: its `exports` folder (the UI's default target) is made on first use. */
  dataDir?: string;
}

/** `before`/`after` as one cell: JSON text, empty when absent. */
function jsonCell(value: unknown): string {
  return value === undefined ? '' : neutralizeCell(JSON.stringify(value));
}

const text = (value: string | undefined): string => (value === undefined ? '' : neutralizeCell(value));

/** One CSV record of an event, in AUDIT_CSV_COLUMNS order. */
export function auditCsvRecord(event: AuditEventView, profileNames: ReadonlyMap<string, string>): string[] {
  return [
    text(event.id),
    text(event.at),
    text(event.actor),
    text(event.action),
    text(event.profileId),
    text(event.profileId === undefined ? undefined : profileNames.get(event.profileId)),
    text(event.target),
    text(event.message),
    jsonCell(event.before),
    jsonCell(event.after),
  ];
}

/** The event with only the audit log's fields, in a stable order (nothing else leaks). */
export function auditJsonRecord(event: AuditEventView): AuditEventView {
  const out: AuditEventView = { id: event.id, at: event.at, actor: event.actor, action: event.action };
  if (event.profileId !== undefined) out.profileId = event.profileId;
  if (event.target !== undefined) out.target = event.target;
  if (event.before !== undefined) out.before = event.before;
  if (event.after !== undefined) out.after = event.after;
  if (event.message !== undefined) out.message = event.message;
  return out;
}

export async function exportAudit(source: AuditExportSource, input: AuditExportInput): Promise<{ path: string; rows: number }> {
  if (!path.isAbsolute(input.out)) throw invalid('The export path must be absolute.');
  const { events, profileNames } = source;
  await ensureExportsFolder(source.dataDir, input.out);
  await writeFileAtomically(input.out, async (temp) => {
    const fh = await open(temp, 'w');
    try {
      if (input.format === 'csv') {
        await fh.write(csvText([AUDIT_CSV_COLUMNS]));
        for (let start = 0; start < events.length; start += BATCH) {
          const records = events.slice(start, start + BATCH).map((event) => auditCsvRecord(event, profileNames));
          await fh.write(csvText(records));
        }
      } else {
        await fh.write(events.length === 0 ? '[]\n' : '[\n');
        for (let start = 0; start < events.length; start += BATCH) {
          const slice = events.slice(start, start + BATCH).map((event) => '  ' + JSON.stringify(auditJsonRecord(event)));
          const last = start + BATCH >= events.length;
          await fh.write(slice.join(',\n') + (last ? '\n]\n' : ',\n'));
        }
      }
    } finally {
      await fh.close();
    }
  });
  return { path: input.out, rows: events.length };
}

/** The names the export shows beside profile ids. */
export function profileNamesOf(profiles: ReadonlyArray<{ id: string; name: string }>): Map<string, string> {
  return new Map(profiles.map((p) => [p.id, p.name] as const));
}
