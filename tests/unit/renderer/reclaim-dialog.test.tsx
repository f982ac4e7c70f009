// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reclaimTarget } from '../../../renderer/src/features/reclaim/ReclaimButton.js';
import { ReclaimDialog } from '../../../renderer/src/features/reclaim/ReclaimDialog.js';
import { useReclaimStore, type ReclaimPlanView } from '../../../renderer/src/features/reclaim/store.js';
import { FakeApiError } from './helpers/fake-bridge.js';
import { freshApp, teardown } from './helpers/setup.js';

afterEach(() => {
  teardown();
  useReclaimStore.getState().reset();
});

function seat(i: number) {
  return {
    candidateId: `c-${i}`,
    userId: `u-${i}`,
    email: `person${i}@example.com`,
    name: `Person ${i}`,
    licenseType: 'Business',
    call: { method: 'POST', url: `https://app.asana.com/api/1.0/workspaces/w1/removeUser`, body: { user: `u-${i}` } },
  };
}

function plan(count: number): ReclaimPlanView {
  return {
    profileId: 'p-1',
    profileName: 'Asana',
    vendor: 'asana',
    calls: Array.from({ length: count }, (_, i) => seat(i)),
    skipped: [{ candidateId: 'c-owner', email: 'owner@example.com', reason: 'the workspace owner is never reclaimed' }],
    confirmAbove: 10,
    effect: REMOVE,
    actions: [REMOVE],
  };
}

const REMOVE = {
  action: 'remove' as const,
  label: 'Remove from the workspace',
  vendorChange: 'Asana deprovisions the person; their tasks go to the token owner.',
  saving: 'at_reclaim' as const,
  undoLabel: 'Re-add',
  undoRestores: 'seat_only' as const,
  undoLoses: 'Re-add does not bring back their tasks.',
};

describe('reclaim dialog', () => {
  it('shows the dry run: every vendor call and the skipped seats, and changes nothing', async () => {
    const bridge = freshApp({ 'reclaim:plan': () => plan(3) });
    render(<ReclaimDialog selection={{ profileId: 'p-1', candidateIds: ['c-0', 'c-1', 'c-2', 'c-owner'] }} onClose={() => undefined} />);
    const calls = await screen.findByRole('table');
    expect(within(calls).getAllByText(/^POST https:\/\/app\.asana\.com/)).toHaveLength(3);
    expect(screen.getByText('1 selected candidate will not be reclaimed')).toBeTruthy();
    expect(screen.getByText(/the workspace owner is never reclaimed/)).toBeTruthy();
    expect(bridge.callsTo('reclaim:plan')).toEqual([{ profileId: 'p-1', candidateIds: ['c-0', 'c-1', 'c-2', 'c-owner'] }]);
    expect(bridge.callsTo('reclaim:run')).toEqual([]);
  });

  it('a downgrade shows both tiers and saves the price difference; an unpriced tier is said, not guessed', async () => {
    const downgrade = { ...REMOVE, action: 'downgrade' as const, label: 'Move to a cheaper license' };
    const calls = [
      { ...seat(0), licenseType: 'SPE_E5', downgradeTo: 'SPE_E3', monthlySaving: 21, currency: 'USD' },
      { ...seat(1), licenseType: 'SPE_E5', downgradeTo: 'SPE_E3', monthlySaving: 21, currency: 'USD' },
      { ...seat(2), licenseType: 'SPE_E5', downgradeTo: 'SPE_E1', monthlySaving: null, currency: null, savingNote: 'set a unit cost for SPE_E1' },
    ];
    freshApp({ 'reclaim:plan': () => ({ ...plan(0), calls, effect: downgrade, actions: [downgrade], savings: [{ currency: 'USD', monthly: 42 }], unknownSavings: 1 }) });
    render(<ReclaimDialog selection={{ profileId: 'p-1', candidateIds: ['c-0', 'c-1', 'c-2'] }} onClose={() => undefined} />);
    const table = await screen.findByRole('table');
    expect(within(table).getAllByText('SPE_E5 → SPE_E3')).toHaveLength(2);
    expect(screen.getByText(/Saves \$42 a month \(the price difference to the cheaper tier\)\./)).toBeTruthy();
    expect(screen.getByText(/1 seat saves an unknown amount: set a unit cost for SPE_E1/)).toBeTruthy();
  });

  it('asks for the count above ten seats and sends it with the run', async () => {
    const bridge = freshApp({
      'reclaim:plan': () => plan(12),
      'reclaim:run': () => ({
        profileId: 'p-1',
        reclaimed: 11,
        failed: 1,
        skipped: 0,
        outcomes: plan(12).calls.map((s, i) =>
          i === 0 ? { ...s, outcome: 'failed' as const, message: 'Asana answered 403: not an admin' } : { ...s, outcome: 'reclaimed' as const, auditId: `a-${i}` },
        ),
      }),
    });
    const user = userEvent.setup();
    render(<ReclaimDialog selection={{ profileId: 'p-1', approved: true }} onClose={() => undefined} />);
    const go = await screen.findByRole('button', { name: 'Reclaim 12 seats' });
    await user.click(go);
    expect(await screen.findByText('Type 12 to confirm.')).toBeTruthy();
    expect(bridge.callsTo('reclaim:run')).toEqual([]);
    await user.type(screen.getByLabelText(/Type 12 to confirm/), '12');
    await user.click(go);
    expect(await screen.findByText('Reclaim finished')).toBeTruthy();
    expect(bridge.callsTo('reclaim:run')).toEqual([{ profileId: 'p-1', approved: true, confirmCount: 12 }]);
    expect(screen.getByText('Asana answered 403: not an admin')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: /^Re-add: / })).toHaveLength(11);
  });

  it('says what the vendor does, and offers the vendor\'s other action for a seat it refused', async () => {
    const freeze = { action: 'freeze' as const, label: 'Freeze the user', vendorChange: 'The user cannot sign in.', adminTodo: 'The license stays billed until the user is deactivated.', saving: 'at_reclaim' as const, undoLabel: 'Unfreeze', undoRestores: 'everything' as const };
    const bridge = freshApp({
      'reclaim:plan': () => plan(1),
      'reclaim:run': (input) =>
        input.action === 'freeze'
          ? { profileId: 'p-1', reclaimed: 1, failed: 0, skipped: 0, outcomes: [{ ...seat(0), outcome: 'reclaimed' as const, auditId: 'a-f', effect: freeze }] }
          : { profileId: 'p-1', reclaimed: 0, failed: 1, skipped: 0, outcomes: [{ ...seat(0), outcome: 'failed' as const, message: 'Salesforce refused: the user is the default workflow user.', alternatives: ['freeze' as const] }] },
    });
    const user = userEvent.setup();
    render(<ReclaimDialog selection={{ profileId: 'p-1', candidateIds: ['c-0'] }} onClose={() => undefined} />);
    // The dry run names what removal does and what Re-add cannot bring back.
    expect(await screen.findByText(REMOVE.vendorChange)).toBeTruthy();
    expect(screen.getByText(REMOVE.undoLoses)).toBeTruthy();
    await user.click(await screen.findByRole('button', { name: 'Reclaim 1 seat' }));
    expect(await screen.findByText('Salesforce refused: the user is the default workflow user.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /^Freeze instead: / }));
    expect(await screen.findByRole('button', { name: /^Unfreeze: / })).toBeTruthy();
    expect(screen.getByText(freeze.adminTodo)).toBeTruthy();
    expect(bridge.callsTo('reclaim:run').at(-1)).toEqual({ profileId: 'p-1', candidateIds: ['c-0'], action: 'freeze' });
  });

  it('gives a seat back with Undo and reports a vendor that refuses', async () => {
    const bridge = freshApp({
      'reclaim:plan': () => plan(2),
      'reclaim:run': () => ({ profileId: 'p-1', reclaimed: 2, failed: 0, skipped: 0, outcomes: plan(2).calls.map((s, i) => ({ ...s, outcome: 'reclaimed' as const, auditId: `a-${i}` })) }),
      'reclaim:undo': ({ auditId }) => {
        if (auditId === 'a-1') throw new FakeApiError('vendor_error', 'Asana cannot re-add a deactivated user');
        return { candidateId: 'c-0', auditId, status: 'open' as const };
      },
    });
    const onClose = vi.fn();
    const user = userEvent.setup();
    render(<ReclaimDialog selection={{ profileId: 'p-1', candidateIds: ['c-0', 'c-1'] }} onClose={onClose} />);
    await user.click(await screen.findByRole('button', { name: 'Reclaim 2 seats' }));
    const [first, second] = await screen.findAllByRole('button', { name: /^Re-add: / });
    await user.click(first!);
    expect(await screen.findByText('undone')).toBeTruthy();
    await user.click(second!);
    expect(await screen.findByText('Asana cannot re-add a deactivated user')).toBeTruthy();
    expect(bridge.callsTo('reclaim:undo')).toEqual([{ auditId: 'a-0' }, { auditId: 'a-1' }]);
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledWith(true);
  });

  it('keeps the plan on screen when main refuses the run', async () => {
    freshApp({
      'reclaim:plan': () => plan(2),
      'reclaim:run': () => {
        throw new FakeApiError('conflict', 'A sync of Asana is running: reclaim when it ends.');
      },
    });
    const user = userEvent.setup();
    render(<ReclaimDialog selection={{ profileId: 'p-1', candidateIds: ['c-0', 'c-1'] }} onClose={() => undefined} />);
    await user.click(await screen.findByRole('button', { name: 'Reclaim 2 seats' }));
    expect(await screen.findByText('A sync of Asana is running: reclaim when it ends.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Reclaim 2 seats' })).toBeTruthy();
    expect(screen.getAllByText(/^POST /)).toHaveLength(2);
  });
});

describe('what the Reclaim button acts on', () => {
  const row = (id: string, profileId: string) => ({ id, profileId }) as Parameters<typeof reclaimTarget>[0][number];

  it('takes a selection from one integration as it is', () => {
    expect(reclaimTarget([row('c-1', 'p-1'), row('c-2', 'p-1')], null, new Map())).toEqual({ selection: { profileId: 'p-1', candidateIds: ['c-1', 'c-2'] }, label: 'Reclaim…' });
  });

  it('refuses a selection across integrations, and says why', () => {
    const target = reclaimTarget([row('c-1', 'p-1'), row('c-2', 'p-2')], 'p-1', new Map([['p-1', 3]]));
    expect(target.selection).toBeNull();
    expect(target.reason).toMatch(/one integration/);
  });

  it('with nothing selected, takes the approved seats of the integration in view, or of the only one that has any', () => {
    expect(reclaimTarget([], 'p-1', new Map([['p-1', 3]])).selection).toEqual({ profileId: 'p-1', approved: true });
    expect(reclaimTarget([], 'p-1', new Map([['p-2', 3]])).reason).toMatch(/approve candidates first/);
    expect(reclaimTarget([], null, new Map([['p-2', 3]])).selection).toEqual({ profileId: 'p-2', approved: true });
    expect(reclaimTarget([], null, new Map([['p-1', 1], ['p-2', 3]])).reason).toMatch(/in 2 integrations: to reclaim, filter to one integration/);
    expect(reclaimTarget([], null, new Map()).reason).toMatch(/approve candidates first/);
  });
});
