/**
 * A notice as the text that is copied: the same layout as main's TXT export (To:, Subject:,
 * the body, notices parted by a line of dashes). Written again here because the renderer may
 * import only types from the contract, never main's code.
 */
import type { NoticeView } from '../../../../preload/contract/notices.js';

export type { NoticeView };

const SEPARATOR = '-'.repeat(72);

function recipient(notice: NoticeView): string {
  return notice.name && notice.name !== notice.email ? `${notice.name} <${notice.email}>` : notice.email;
}

export function noticeText(notice: NoticeView): string {
  return `To: ${recipient(notice)}\nSubject: ${notice.subject}\n\n${notice.body}\n`;
}

export function noticesText(notices: readonly NoticeView[]): string {
  return notices.map(noticeText).join(`\n${SEPARATOR}\n\n`);
}
