/**
 * The "Notify user" notice: a short, friendly message to the person holding a candidate seat,
 * saying which license it is, when it was last used, when it will be reclaimed, and how to
 * keep it. It is built from that candidate's own data only (nothing about other people, no
 * costs, no rule internals), because it is meant to be mailed to that person as it stands.
 */

/** What a notice is built from: one candidate, and the product its seat belongs to. */
export interface NoticeSubject {
  name: string;
  email: string;
  /** The product people know, e.g. "Asana" (not the integration's internal name). */
  product: string;
  licenseType: string;
  lastActivityAt?: string;
  reclaimableAt?: string;
}

export interface NoticeText {
  subject: string;
  body: string;
}

// A fixed locale and UTC: the same notice reads the same wherever Seatwise runs, and a date is
// never a day off from the one the rule computed. Made at first use: building a date format
// loads the locale's data, a noticeable part of every command's start-up.
let dateFormat: Intl.DateTimeFormat | undefined;

/** "20 November 2026"; undefined for a missing or unreadable date. */
export function noticeDate(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return undefined;
  dateFormat ??= new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return dateFormat.format(ms);
}

/**
 * One line of plain text: vendor data can hold line breaks or control characters, which in a
 * subject or a To: line would start a header of their own.
 */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** How the message greets the person: the first name when there is one, else a plain "Hello". */
function greeting(name: string): string {
  const first = oneLine(name).split(' ')[0] ?? '';
  return first && !first.includes('@') ? `Hello ${first},` : 'Hello,';
}

export function buildNotice(seat: NoticeSubject): NoticeText {
  const product = oneLine(seat.product) || 'the application';
  const license = oneLine(seat.licenseType);
  const what = license ? `${product} license (${license})` : `${product} license`;
  const lastUsed = noticeDate(seat.lastActivityAt);
  const reclaimOn = noticeDate(seat.reclaimableAt);

  const subject = reclaimOn ? `Your ${what} will be reclaimed on ${reclaimOn}` : `Your ${what} may be reclaimed: do you still need it?`;
  const activity = lastUsed ? `The last activity we have on record is from ${lastUsed}.` : 'We have no recorded activity on it.';
  const when = reclaimOn
    ? `To free unused licenses for others, it will be removed on ${reclaimOn}.`
    : 'To free unused licenses for others, it will be removed after review by IT.';
  const body = [
    greeting(seat.name),
    '',
    `Your ${what} does not seem to be in use. ${activity}`,
    '',
    when,
    '',
    `If you still need it, simply sign in to ${product}${reclaimOn ? ' before then' : ''}, or reply to this message to let IT know, and you will keep it. If you no longer need it, there is nothing to do.`,
    '',
    'Thank you,',
    'IT',
  ].join('\n');
  return { subject, body };
}
