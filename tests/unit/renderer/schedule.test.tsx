// @vitest-environment jsdom
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScheduleCard } from '../../../renderer/src/features/schedule/ScheduleCard.js';
import type { ScheduleView } from '../../../renderer/src/types.js';
import { FakeApiError } from './helpers/fake-bridge.js';
import { profileDetail } from './helpers/fixtures.js';
import { freshApp, teardown } from './helpers/setup.js';

afterEach(() => {
  teardown();
  vi.useRealTimers();
});

const daily: ScheduleView = {
  profileId: 'p-1',
  schedule: { kind: 'daily', time: '06:00' },
  description: 'Every day at 06:00',
  timeZone: 'Europe/Berlin',
  nextRunAt: '2026-11-24T05:00:00.000Z',
};

describe('scheduled job card', () => {
  it('shows the schedule in words, the zone and the next run', async () => {
    // The card says how far off the next run is from now: fix now, 19 hours before it.
    vi.setSystemTime(new Date('2026-11-23T10:00:00.000Z'));
    freshApp({ 'schedule:get': () => daily });
    render(<ScheduleCard profile={profileDetail({ id: 'p-1' })} />);
    expect(await screen.findByText('Every day at 06:00')).toBeTruthy();
    expect(screen.getByText("Europe/Berlin (this computer's)")).toBeTruthy();
    expect(screen.getByText(/\(in 19 hours\)/)).toBeTruthy();
  });

  it('sends exactly the weekly schedule chosen and shows the answer', async () => {
    const bridge = freshApp({
      'schedule:get': () => daily,
      'schedule:set': (input) => ({ ...daily, schedule: input.schedule, description: 'Every Monday at 07:30' }),
    });
    const user = userEvent.setup();
    render(<ScheduleCard profile={profileDetail({ id: 'p-1' })} />);
    await user.click(await screen.findByRole('button', { name: 'Change schedule' }));
    await user.selectOptions(screen.getByLabelText('Repeat'), 'weekly');
    await user.selectOptions(screen.getByLabelText('Day'), 'Monday');
    const time = screen.getByLabelText('Time');
    await user.clear(time);
    await user.type(time, '07:30');
    await user.click(screen.getByRole('button', { name: 'Save schedule' }));
    expect(await screen.findByText('Every Monday at 07:30')).toBeTruthy();
    expect(bridge.callsTo('schedule:set')).toEqual([{ profileId: 'p-1', schedule: { kind: 'weekly', day: 1, time: '07:30' } }]);
  });

  it('shows a malformed cron beside the field and sends nothing', async () => {
    const bridge = freshApp({ 'schedule:get': () => daily });
    const user = userEvent.setup();
    render(<ScheduleCard profile={profileDetail({ id: 'p-1' })} />);
    await user.click(await screen.findByRole('button', { name: 'Change schedule' }));
    await user.selectOptions(screen.getByLabelText('Repeat'), 'cron');
    const expression = screen.getByLabelText('Cron expression');
    await user.clear(expression);
    await user.type(expression, '0 6 *');
    await user.click(screen.getByRole('button', { name: 'Save schedule' }));
    expect(expression.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/five fields/)).toBeTruthy();
    expect(bridge.callsTo('schedule:set')).toEqual([]);
  });

  it("keeps the form as typed when main refuses, with main's message", async () => {
    freshApp({
      'schedule:get': () => daily,
      'schedule:set': () => {
        throw new FakeApiError('invalid', 'Unknown time zone "Mars/Olympus": use an IANA name such as "Europe/Paris".');
      },
    });
    const user = userEvent.setup();
    render(<ScheduleCard profile={profileDetail({ id: 'p-1' })} />);
    await user.click(await screen.findByRole('button', { name: 'Change schedule' }));
    await user.type(screen.getByLabelText(/Time zone/), 'Mars/Olympus');
    await user.click(screen.getByRole('button', { name: 'Save schedule' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Unknown time zone'));
    expect((screen.getByLabelText(/Time zone/) as HTMLInputElement).value).toBe('Mars/Olympus');
  });
});
