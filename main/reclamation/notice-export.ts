/**
 * `notices:list` and `notices:export`: which candidates get a notice (open or approved, under
 * a rule with "Notify user" on), and the notices as a mail-merge CSV or as plain text.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { connectorEntry } from '../../connectors/registry.js';
import { vendorSchema, type CandidateRow, type NoticeFormat, type NoticeView, type RuleView } from '../../preload/contract.js';
import { invalid } from '../errors.js';
import { writeFileAtomically } from '../export/atomic-file.js';
import { csvText } from '../export/csv.js';
import { ensureExportsFolder } from '../export/exports-folder.js';
import { neutralizeCell } from '../export/neutralize.js';
import { buildNotice, oneLine } from './notices.js';

/** What the notices read: the reclamation service has both. */
export interface NoticeSource {
  candidates(profileId?: string): Promise<CandidateRow[]>;
  rules(profileId?: string): RuleView[];
  /** Where `<data dir>/exports/` may be created. */
  readonly dataDir?: string;
}

export interface NoticeSelection {
  profileId?: string;
  candidateIds?: string[];
}

/** The product a person knows the seat by; a custom app is known by its integration's name. */
function productOf(row: CandidateRow): string {
  const vendor = vendorSchema.safeParse(row.vendor);
  if (!vendor.success || vendor.data === 'custom') return row.profileName;
  return connectorEntry(vendor.data)?.descriptor.product ?? row.profileName;
}

export async function listNotices(source: NoticeSource, selection: NoticeSelection): Promise<NoticeView[]> {
  const notifying = new Set(source.rules(selection.profileId).filter((r) => r.notifyUser).map((r) => r.id));
  const wanted = selection.candidateIds ? new Set(selection.candidateIds) : undefined;
  const notices: NoticeView[] = [];
  for (const row of await source.candidates(selection.profileId)) {
    if (row.status !== 'open' && row.status !== 'approved') continue;
    if (!notifying.has(row.ruleId) || (wanted && !wanted.has(row.id))) continue;
    const text = buildNotice({ ...row, product: productOf(row) });
    notices.push({
      candidateId: row.id,
      profileId: row.profileId,
      profileName: row.profileName,
      email: row.email,
      name: row.name,
      licenseType: row.licenseType,
      ...(row.reclaimableAt ? { reclaimableAt: row.reclaimableAt } : {}),
      subject: text.subject,
      body: text.body,
    });
  }
  return notices;
}

const CSV_HEADERS = ['email', 'name', 'subject', 'body'];

/** Mail-merge CSV (RFC 4180, CRLF, as the candidate export); cells a spreadsheet would run are neutralised. */
export function noticesCsv(notices: readonly NoticeView[]): string {
  const records = notices.map((n) => [n.email, n.name, n.subject, n.body].map(neutralizeCell));
  return csvText([CSV_HEADERS, ...records]);
}

export const NOTICE_SEPARATOR = '-'.repeat(72);

/** One notice as a message: To: and Subject: headers, a blank line, the body. */
export function noticeMessage(n: NoticeView): string {
  const name = oneLine(n.name);
  const to = name && name !== n.email ? `${name} <${oneLine(n.email)}>` : oneLine(n.email);
  return `To: ${to}\nSubject: ${oneLine(n.subject)}\n\n${n.body}\n`;
}

/** Every notice, one after another, each separated from the next by a line of dashes. */
export function noticesTxt(notices: readonly NoticeView[]): string {
  return notices.map(noticeMessage).join(`\n${NOTICE_SEPARATOR}\n\n`);
}

export function formatNotices(notices: readonly NoticeView[], format: NoticeFormat): string {
  return format === 'csv' ? noticesCsv(notices) : noticesTxt(notices);
}

export async function exportNotices(source: NoticeSource, input: NoticeSelection & { format: NoticeFormat; out: string }): Promise<{ path: string; rows: number }> {
  if (!path.isAbsolute(input.out)) throw invalid('The export path must be absolute.');
  const notices = await listNotices(source, input);
  await ensureExportsFolder(source.dataDir, input.out);
  await writeFileAtomically(input.out, (temp) => writeFile(temp, formatNotices(notices, input.format), 'utf8'));
  return { path: input.out, rows: notices.length };
}
