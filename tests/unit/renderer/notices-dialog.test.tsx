// @vitest-environment jsdom
/**
 * The candidates' "Notices…" dialog: what it asks main for (the selection, or the whole scope),
 * the count and preview, Copy and Copy all through the clipboard, the selectable text box
 * where there is no clipboard, and Export to a path.
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CandidateRow } from '../../../preload/contract/reclamation.js';
import type { NoticeView } from '../../../preload/contract/notices.js';
import { CandidatesView } from '../../../renderer/src/features/candidates/CandidatesPage.js';
import { useCandidatesStore } from '../../../renderer/src/features/candidates/store.js';
import { freshApp, teardown } from './helpers/setup.js';

function candidate(i: number, reclaimableAt?: string): CandidateRow {
  return {
    id: `c${i}`,
    profileId: 'p1',
    profileName: 'Asana',
    vendor: 'asana',
    orgId: 'o1',
    subscriptionId: `s${i}`,
    userId: `u${i}`,
    email: `person${i}@example.com`,
    name: `Person ${i}`,
    licenseType: 'Business',
    inactiveSince: '2026-01-01T00:00:00.000Z',
    daysInactive: 100 + i,
    ruleId: 'r1',
    ruleName: 'Asana Business',
    thresholdDays: 60,
    status: 'open',
    monthlyCost: 10,
    currency: 'USD',
    why: 'no activity',
    ...(reclaimableAt ? { reclaimableAt } : {}),
    detectedAt: '2026-11-01T00:00:00.000Z',
    reason: 'inactive',
    activitySource: 'vendor',
  };
}

function notice(row: CandidateRow): NoticeView {
  return {
    candidateId: row.id,
    profileId: row.profileId,
    profileName: row.profileName,
    email: row.email,
    name: row.name,
    licenseType: row.licenseType,
    ...(row.reclaimableAt ? { reclaimableAt: row.reclaimableAt } : {}),
    subject: `Your Asana license (Business) will be reclaimed (${row.name})`,
    body: `Hello ${row.name.split(' ')[0]},\n\nYou have an Asana license.\n\nThank you,\nIT`,
  };
}

const ROWS = [candidate(1, '2026-12-07T06:00:00.000Z'), candidate(2, '2026-12-08T06:00:00.000Z'), candidate(3)];
// Candidate 3's rule does not notify: main skips it.
const NOTICES = ROWS.slice(0, 2).map(notice);

function setClipboard(writeText: ((text: string) => Promise<void>) | undefined): void {
  Object.defineProperty(navigator, 'clipboard', { value: writeText ? { writeText } : undefined, configurable: true });
}

async function openDialog(transport: 'ipc' | 'http' = 'ipc') {
  useCandidatesStore.getState().reset();
  const bridge = freshApp({
    'candidates:list': () => ROWS,
    'notices:list': (input) => NOTICES.filter((n) => !input.candidateIds || input.candidateIds.includes(n.candidateId)),
    'notices:export': (input) => ({ path: input.out, rows: NOTICES.length }),
    'app:info': () => ({ version: '1', dataDir: '/home/me/.seatwise', transport, demo: false, platform: 'linux', signedIn: null }),
  });
  render(<CandidatesView scope={null} />);
  await screen.findByRole('table');
  return bridge;
}

// jsdom lays nothing out: give the scroll box a size so the virtualizer has a window.
const saved = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('vtable-scroll') ? 600 : 0;
    },
  });
});
afterAll(() => {
  if (saved) Object.defineProperty(HTMLElement.prototype, 'clientHeight', saved);
});

afterEach(() => {
  useCandidatesStore.getState().reset();
  teardown();
  setClipboard(undefined);
});

describe('notices dialog', () => {
  it('shows the reclaimable date of notify-rule candidates in the table', async () => {
    await openDialog();
    const dates = screen.getByRole('table').querySelectorAll('time.candidates__reclaim');
    expect(dates).toHaveLength(2);
    expect(dates[0]!.getAttribute('title')).toMatch(/^The notice says the seat is reclaimed on/);
  });

  it('asks for the whole scope without a selection, counts and previews, and copies one or all', async () => {
    const writeText = vi.fn(async (_text: string) => undefined);
    setClipboard(writeText);
    const bridge = await openDialog();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Notices…' }));
    });
    const dialog = screen.getByRole('dialog', { name: 'Notices to users' });
    // Nothing filtered away that could have a notice: the scope, not 3 ids.
    expect(bridge.callsTo('notices:list')).toEqual([{}]);
    expect(within(dialog).getByTestId('notices-count').textContent).toBe('2 notices');
    expect(dialog.textContent).toContain('1 skipped');
    const preview = within(dialog).getByRole('article', { name: 'Notice preview' });
    expect(preview.textContent).toContain('To: Person 1 <person1@example.com>');
    expect(preview.textContent).toContain(NOTICES[0]!.subject);

    // Pick the second notice, copy it.
    fireEvent.change(within(dialog).getByLabelText('Notices'), { target: { value: '1' } });
    expect(preview.textContent).toContain(NOTICES[1]!.subject);
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Copy' }));
    });
    expect(writeText).toHaveBeenLastCalledWith(`To: Person 2 <person2@example.com>\nSubject: ${NOTICES[1]!.subject}\n\n${NOTICES[1]!.body}\n`);
    expect(within(dialog).getByRole('status').textContent).toBe('Copied the notice to the clipboard.');

    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Copy all' }));
    });
    const all = writeText.mock.calls.at(-1)![0];
    expect(all.split(/\n-{20,}\n\n/)).toHaveLength(2);
    expect(all.startsWith('To: Person 1 <person1@example.com>\n')).toBe(true);

    // Escape closes and gives focus back to the button.
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Notices…' }));
  });

  it('sends the selected ids, and falls back to a selectable text box without a clipboard', async () => {
    setClipboard(undefined);
    const bridge = await openDialog();
    const row = screen.getByRole('table').querySelector('[data-select="c1"]')!.closest('tr')!;
    fireEvent.click(row.querySelector('input[type="checkbox"]')!);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Notices…' }));
    });
    expect(bridge.callsTo('notices:list')).toEqual([{ candidateIds: ['c1'] }]);
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByTestId('notices-count').textContent).toBe('1 notice');
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Copy' }));
    });
    const box = within(dialog).getByRole('textbox', { name: /clipboard is not available/ }) as HTMLTextAreaElement;
    expect(box.readOnly).toBe(true);
    expect(box.value).toContain('Subject: ' + NOTICES[0]!.subject);
    expect(document.activeElement).toBe(box);
  });

  it('falls back too when the clipboard refuses', async () => {
    setClipboard(() => Promise.reject(new Error('denied')));
    await openDialog();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Notices…' }));
    });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Copy all' }));
    });
    expect((screen.getByRole('textbox', { name: /clipboard is not available/ }) as HTMLTextAreaElement).value).toContain('person2@example.com');
  });

  it('in the desktop app, exports CSV or text to a path under the data folder', async () => {
    const bridge = await openDialog('ipc');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Notices…' }));
    });
    await act(async () => {
      fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Export…' }));
    });
    const form = screen.getByRole('form', { name: 'Export notices' });
    const path = within(form).getByLabelText('Save to') as HTMLInputElement;
    expect(path.value).toMatch(/^\/home\/me\/\.seatwise\/exports\/seatwise-notices-\d{4}-\d{2}-\d{2}\.csv$/);
    fireEvent.click(within(form).getByLabelText('Plain text'));
    expect(path.value.endsWith('.txt')).toBe(true);
    await act(async () => {
      fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    });
    expect(bridge.callsTo('notices:export')).toEqual([{ format: 'txt', out: path.value }]);
    expect(form.textContent).toContain('Saved 2 notices to');

    fireEvent.change(path, { target: { value: 'notices.csv' } });
    await act(async () => {
      fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    });
    expect(within(form).getByRole('alert').textContent).toContain('Enter a full path');
    expect(bridge.callsTo('notices:export')).toHaveLength(1);
  });

  it('in the browser host, hands the notices over as a download and asks for no path', async () => {
    const bridge = await openDialog('http');
    const requests: Array<{ url: string; body: unknown }> = [];
    const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      requests.push({ url, body: JSON.parse(String(init?.body)) });
      return new Response('To: ada@example.com\n', {
        status: 200,
        headers: { 'content-type': 'text/plain; charset=utf-8', 'content-disposition': 'attachment; filename="seatwise-notices-2026-01-31.txt"', 'x-seatwise-rows': '2' },
      });
    });
    vi.stubGlobal('fetch', fetchMock);
    // jsdom has no object URLs.
    const createObjectURL = vi.fn(() => 'blob:seatwise/1');
    const urls = URL as unknown as Record<string, unknown>;
    urls.createObjectURL = createObjectURL;
    urls.revokeObjectURL = vi.fn();
    const saved: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    try {
      await act(async () => {
        fireEvent.click(screen.getByRole('button', { name: 'Notices…' }));
      });
      await act(async () => {
        fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Export…' }));
      });
      const form = screen.getByRole('form', { name: 'Export notices' });
      expect(await within(form).findByText(/where it keeps your downloads/)).toBeTruthy();
      expect(within(form).queryByLabelText('Save to')).toBeNull();
      fireEvent.click(within(form).getByLabelText('Plain text'));
      await act(async () => {
        fireEvent.click(within(form).getByRole('button', { name: 'Download' }));
      });
      expect(requests).toEqual([{ url: '/download/notices%3Aexport', body: { format: 'txt' } }]);
      expect(saved).toEqual(['seatwise-notices-2026-01-31.txt']);
      expect(createObjectURL).toHaveBeenCalledTimes(1);
      expect(form.textContent).toContain('Downloaded 2 notices as seatwise-notices-2026-01-31.txt');
      // Nothing went through the path-writing call.
      expect(bridge.callsTo('notices:export')).toEqual([]);
    } finally {
      click.mockRestore();
      vi.unstubAllGlobals();
      delete urls.createObjectURL;
      delete urls.revokeObjectURL;
    }
  });
});
