import { describe, expect, it } from 'vitest';
import { buildNotice, noticeDate, oneLine, type NoticeSubject } from '../../../main/reclamation/notices.js';

const seat: NoticeSubject = {
  name: 'Chloé Martin',
  email: 'chloe.martin@example.com',
  product: 'Asana',
  licenseType: 'Business',
  lastActivityAt: '2026-08-01T10:00:00.000Z',
  reclaimableAt: '2026-12-07T06:00:00.000Z',
};

describe('the notify-user notice', () => {
  it('names the product and license, the last activity and the reclaim date, and how to keep the seat', () => {
    const { subject, body } = buildNotice(seat);
    expect(subject).toBe('Your Asana license (Business) will be reclaimed on 7 December 2026');
    expect(body.startsWith('Hello Chloé,\n')).toBe(true);
    expect(body).toContain('Asana license (Business)');
    expect(body).toContain('The last activity we have on record is from 1 August 2026.');
    expect(body).toContain('it will be removed on 7 December 2026.');
    expect(body).toContain('sign in to Asana before then');
    expect(body).toContain('reply to this message');
    expect(body).not.toContain('undefined');
  });

  it('says "no recorded activity" for someone never active', () => {
    const { body } = buildNotice({ ...seat, lastActivityAt: undefined });
    expect(body).toContain('We have no recorded activity on it.');
    expect(body).not.toContain('last activity');
  });

  it('says "after review" when there is no reclaim date', () => {
    const { subject, body } = buildNotice({ ...seat, reclaimableAt: undefined });
    expect(subject).toBe('Your Asana license (Business) may be reclaimed: do you still need it?');
    expect(body).toContain('it will be removed after review by IT.');
    expect(body).not.toContain('before then');
  });

  it('uses UTC dates, whatever the time of day, and ignores unreadable ones', () => {
    expect(noticeDate('2026-12-31T23:30:00.000Z')).toBe('31 December 2026');
    expect(noticeDate('2027-01-01T00:30:00+02:00')).toBe('31 December 2026');
    expect(noticeDate('not a date')).toBeUndefined();
    expect(buildNotice({ ...seat, lastActivityAt: 'garbage' }).body).toContain('no recorded activity');
  });

  it('greets plainly without a usable name, and keeps vendor line breaks out of the subject', () => {
    expect(buildNotice({ ...seat, name: '' }).body.startsWith('Hello,\n')).toBe(true);
    expect(buildNotice({ ...seat, name: 'someone@example.com' }).body.startsWith('Hello,\n')).toBe(true);
    const { subject } = buildNotice({ ...seat, licenseType: 'Business\r\nBcc: all@example.com' });
    expect(subject).not.toMatch(/[\r\n]/);
    expect(oneLine(' a\u0000b\n\tc  ')).toBe('a b c');
  });

  it('holds nothing but the seat holder’s own data', () => {
    const { subject, body } = buildNotice(seat);
    const text = `${subject}\n${body}`;
    expect(text).not.toContain('@');
    expect(text).not.toMatch(/cost|price|threshold|rule/i);
  });
});
