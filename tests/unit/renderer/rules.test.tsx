// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RulesTab } from '../../../renderer/src/features/rules/RulesTab.js';
import { useExclusionsStore, type Exclusion } from '../../../renderer/src/features/rules/exclusions-store.js';
import { rulePatch, ruleDraft, validateRuleDraft, type Rule } from '../../../renderer/src/features/rules/rule-form.js';
import { useRulesStore } from '../../../renderer/src/features/rules/rules-store.js';
import { validateExclusionDraft, emptyExclusionDraft } from '../../../renderer/src/features/rules/exclusion-form.js';
import { FakeApiError } from './helpers/fake-bridge.js';
import { iso, profileDetail } from './helpers/fixtures.js';
import { freshApp, teardown } from './helpers/setup.js';

const rule = (overrides: Partial<Rule> = {}): Rule => ({
  id: 'r1',
  profileId: 'p1',
  licenseType: 'Asana Business',
  name: 'Asana Business',
  thresholdDays: 60,
  notifyUser: false,
  daysBeforeAutoReclaim: 14,
  approvalRequired: true,
  reclaimWithoutApproval: false,
  autoReclaim: false,
  enabled: true,
  leaversEnabled: true,
  leaverDays: 0,
  action: 'remove',
  ...overrides,
});

const exclusions: Exclusion[] = [
  { id: 'e1', kind: 'user', pattern: 'ceo@northwind.example', reason: 'Executive', createdAt: iso(86_400_000), profileId: 'p1' },
  { id: 'e2', kind: 'user', pattern: '*@contractor.example', reason: 'Billed to the agency', createdAt: iso(2 * 86_400_000) },
];

const profile = profileDetail({ licenseTypes: [{ name: 'Asana Business', seats: 400, paid: true, deactivated: 0 }, { name: 'Guest', seats: 12, paid: false, deactivated: 0 }] });

function handlers(candidates: number[] = [9, 12]) {
  let call = 0;
  return {
    'rules:list': () => [rule()],
    'exclusions:list': () => exclusions,
    'profiles:get': () => profileDetail({ candidates: candidates[Math.min(call++, candidates.length - 1)] ?? 0 }),
  };
}

beforeEach(() => {
  useRulesStore.getState().reset();
  useExclusionsStore.getState().reset();
});
afterEach(teardown);

async function openForm() {
  fireEvent.click(await screen.findByRole('button', { name: 'Edit Asana Business' }));
  return screen.getByRole('form', { name: 'Edit rule Asana Business' });
}

describe('rule form model', () => {
  it('keeps the contract bounds and sends only what changed', () => {
    const draft = { ...ruleDraft(rule()), thresholdDays: '3651', notifyUser: true, daysBeforeAutoReclaim: '-1' };
    expect(validateRuleDraft(draft)).toEqual({ thresholdDays: 'Choose from 1 to 3650 days.', daysBeforeAutoReclaim: 'Enter a whole number of days, from 0 to 365.' });
    expect(rulePatch(rule(), { ...ruleDraft(rule()), thresholdDays: '30', approval: 'automatic' })).toEqual({ thresholdDays: 30, reclaimWithoutApproval: true });
    expect(rulePatch(rule({ reclaimWithoutApproval: true, approvalRequired: false }), { ...ruleDraft(rule()), approval: 'approval' })).toEqual({ approvalRequired: true });
  });

  it('refuses patterns main would refuse', () => {
    const draft = emptyExclusionDraft(['Business']);
    expect(validateExclusionDraft({ ...draft, userPattern: '**', reason: 'x' }).pattern).toMatch(/every user/);
    expect(validateExclusionDraft({ ...draft, userPattern: 'a b', reason: 'x' }).pattern).toMatch(/no spaces/);
    expect(validateExclusionDraft({ ...draft, userPattern: 'a@b.example', reason: ' ' }).reason).toMatch(/Say why/);
  });
});

describe('Rules tab', () => {
  it('lists the rules, and the exclusions marked by scope', async () => {
    freshApp(handlers());
    render(<RulesTab profile={profile} />);
    const table = await screen.findByRole('table', { name: 'Reclamation rules' });
    const row = within(table).getByRole('row', { name: /Asana Business/ });
    expect(within(row).getByText('60 days')).toBeTruthy();
    expect(within(row).getByText('Approval required')).toBeTruthy();
    expect(within(row).getByRole('switch', { name: 'Asana Business enabled' })).toHaveProperty('checked', true);
    const excluded = await screen.findByRole('table', { name: 'Exclusion rules' });
    expect(within(within(excluded).getByRole('row', { name: /ceo@northwind/ })).getByText('This integration')).toBeTruthy();
    expect(within(within(excluded).getByRole('row', { name: /contractor/ })).getByText('All integrations')).toBeTruthy();
  });

  it('shows a bad threshold beside the field and sends nothing', async () => {
    const bridge = freshApp(handlers());
    render(<RulesTab profile={profile} />);
    const form = await openForm();
    const threshold = within(form).getByLabelText('Days without activity');
    fireEvent.change(threshold, { target: { value: '0' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save rule' }));
    expect(threshold.getAttribute('aria-invalid')).toBe('true');
    const errorId = threshold.getAttribute('aria-describedby')?.split(' ')[0] ?? '';
    expect(document.getElementById(errorId)?.textContent).toBe('Choose from 1 to 3650 days.');
    expect(bridge.callsTo('rules:update')).toHaveLength(0);
  });

  it('saves exactly the patch and says how the candidates changed', async () => {
    const bridge = freshApp({ ...handlers([9, 12]), 'rules:update': ({ patch }) => rule({ ...patch }) });
    render(<RulesTab profile={profile} />);
    const form = await openForm();
    fireEvent.change(within(form).getByLabelText('Days without activity'), { target: { value: '30' } });
    fireEvent.click(within(form).getByLabelText(/Reclaim without approval/));
    fireEvent.click(within(form).getByRole('button', { name: 'Save rule' }));
    await waitFor(() => expect(screen.getByTestId('rules-announcer').textContent).toBe('Saved “Asana Business”. 12 candidates now (was 9).'));
    expect(bridge.callsTo('rules:update')).toEqual([{ ruleId: 'r1', patch: { thresholdDays: 30, reclaimWithoutApproval: true } }]);
    expect(screen.queryByRole('form', { name: /Edit rule/ })).toBeNull();
    expect(within(screen.getByRole('row', { name: /Asana Business/ })).getByText('30 days')).toBeTruthy();
  });

  it('keeps the form and what was typed when the server refuses', async () => {
    const bridge = freshApp({
      ...handlers(),
      'rules:update': () => {
        throw new FakeApiError('invalid_input', 'The rule changed in another window.');
      },
    });
    render(<RulesTab profile={profile} />);
    const form = await openForm();
    fireEvent.change(within(form).getByLabelText('Rule name'), { target: { value: 'Business seats' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save rule' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('The rule changed in another window.');
    expect(bridge.callsTo('rules:update')).toEqual([{ ruleId: 'r1', patch: { name: 'Business seats' } }]);
    expect(within(form).getByLabelText('Rule name')).toHaveProperty('value', 'Business seats');
  });

  it('turns a rule off from its switch', async () => {
    const bridge = freshApp({ ...handlers([9, 0]), 'rules:update': ({ patch }) => rule({ ...patch }) });
    render(<RulesTab profile={profile} />);
    fireEvent.click(await screen.findByRole('switch', { name: 'Asana Business enabled' }));
    await waitFor(() => expect(screen.getByTestId('rules-announcer').textContent).toBe('Disabled “Asana Business”. 0 candidates now (was 9).'));
    expect(bridge.callsTo('rules:update')).toEqual([{ ruleId: 'r1', patch: { enabled: false } }]);
  });

  it('adds a global user exclusion and removes one after confirming', async () => {
    const bridge = freshApp({
      ...handlers(),
      'exclusions:add': (input) => ({ id: 'e3', createdAt: new Date().toISOString(), ...input }),
      'exclusions:remove': () => ({ ok: true as const }),
    });
    render(<RulesTab profile={profile} />);
    const form = await screen.findByRole('form', { name: 'Add an exclusion' });
    fireEvent.change(within(form).getByLabelText('User'), { target: { value: '*' } });
    fireEvent.change(within(form).getByLabelText('Reason'), { target: { value: 'Contractors' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add exclusion' }));
    expect(within(form).getByText(/would exclude every user/)).toBeTruthy();
    expect(bridge.callsTo('exclusions:add')).toHaveLength(0);

    fireEvent.change(within(form).getByLabelText('User'), { target: { value: ' *@agency.example ' } });
    fireEvent.click(within(form).getByLabelText('All integrations'));
    fireEvent.click(within(form).getByRole('button', { name: 'Add exclusion' }));
    await waitFor(() => expect(screen.getByTestId('exclusions-announcer').textContent).toBe('Excluded *@agency.example.'));
    expect(bridge.callsTo('exclusions:add')).toEqual([{ kind: 'user', pattern: '*@agency.example', reason: 'Contractors' }]);
    expect(within(form).getByLabelText('User')).toHaveProperty('value', '');

    fireEvent.click(screen.getByRole('button', { name: 'Remove the exclusion ceo@northwind.example' }));
    const confirm = screen.getByRole('group', { name: 'Remove the exclusion ceo@northwind.example?' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(screen.queryByText('ceo@northwind.example')).toBeNull());
    expect(bridge.callsTo('exclusions:remove')).toEqual([{ id: 'e1' }]);
  });

  it('offers the profile license types for a license-type exclusion, scoped to the profile', async () => {
    const bridge = freshApp({ ...handlers(), 'exclusions:add': (input) => ({ id: 'e4', createdAt: new Date().toISOString(), ...input }) });
    render(<RulesTab profile={profile} />);
    const form = await screen.findByRole('form', { name: 'Add an exclusion' });
    fireEvent.click(within(form).getByLabelText('A license type'));
    fireEvent.change(within(form).getByLabelText('License type'), { target: { value: 'Guest' } });
    fireEvent.change(within(form).getByLabelText('Reason'), { target: { value: 'Free seats' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add exclusion' }));
    await waitFor(() => expect(bridge.callsTo('exclusions:add')).toEqual([{ kind: 'licenseType', pattern: 'Guest', reason: 'Free seats', profileId: 'p1' }]));
  });

  it('says so when loading fails, and retries', async () => {
    let fail = true;
    freshApp({
      ...handlers(),
      'rules:list': () => {
        if (fail) throw new FakeApiError('internal', 'The data file is locked.');
        return [rule()];
      },
    });
    render(<RulesTab profile={profile} />);
    expect(await screen.findByText('The data file is locked.')).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('table', { name: 'Reclamation rules' })).toBeTruthy();
  });

  it('saves the leaver setting: the checkbox as {leaversEnabled}, the days as {leaverDays}, 0 reading at once', async () => {
    let current = rule();
    const bridge = freshApp({
      ...handlers([9, 9]),
      'rules:list': () => [current],
      'rules:update': ({ patch }) => (current = rule({ ...current, ...patch })),
    });
    render(<RulesTab profile={profile} />);
    const row = await screen.findByRole('row', { name: /Asana Business/ });
    expect(within(row).getByText('At once')).toBeTruthy();

    let form = await openForm();
    const leavers = within(form).getByRole('group', { name: 'Leavers' });
    const days = within(leavers).getByLabelText('Days after leaving');
    expect(days).toHaveProperty('value', '0');
    expect(document.getElementById(days.getAttribute('aria-describedby')!)!.textContent).toMatch(/^At once/);
    fireEvent.change(days, { target: { value: '3651' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save rule' }));
    expect(days.getAttribute('aria-invalid')).toBe('true');
    expect(bridge.callsTo('rules:update')).toHaveLength(0);
    fireEvent.change(days, { target: { value: '30' } });
    expect(document.getElementById(days.getAttribute('aria-describedby')!.split(' ').pop()!)!.textContent).toContain('30 days after they leave');
    fireEvent.click(within(form).getByRole('button', { name: 'Save rule' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: /Edit rule/ })).toBeNull());
    expect(bridge.callsTo('rules:update')).toEqual([{ ruleId: 'r1', patch: { leaverDays: 30 } }]);
    expect(within(screen.getByRole('row', { name: /Asana Business/ })).getByText('30 days after leaving')).toBeTruthy();

    form = await openForm();
    fireEvent.click(within(form).getByLabelText(/Make leavers candidates/));
    expect(within(form).queryByLabelText('Days after leaving')).toBeNull();
    fireEvent.click(within(form).getByRole('button', { name: 'Save rule' }));
    await waitFor(() => expect(bridge.callsTo('rules:update')).toHaveLength(2));
    expect(bridge.callsTo('rules:update')[1]).toEqual({ ruleId: 'r1', patch: { leaversEnabled: false } });
    await waitFor(() => expect(within(screen.getByRole('row', { name: /Asana Business/ })).getByText('Off')).toBeTruthy());
  });

  it('keeps leaverDays in the patch model only while leavers are on', () => {
    expect(rulePatch(rule(), { ...ruleDraft(rule()), leaverDays: '7' })).toEqual({ leaverDays: 7 });
    expect(rulePatch(rule(), { ...ruleDraft(rule()), leaversEnabled: false, leaverDays: 'x' })).toEqual({ leaversEnabled: false });
    expect(validateRuleDraft({ ...ruleDraft(rule()), leaverDays: '-1' }).leaverDays).toBe('Enter a whole number of days, from 0 to 3650.');
    expect(validateRuleDraft({ ...ruleDraft(rule()), leaversEnabled: false, leaverDays: '' })).toEqual({});
  });
});
