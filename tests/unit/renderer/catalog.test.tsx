// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput, MethodOutput } from '../../../preload/contract.js';
import { ModelsBadge } from '../../../renderer/src/features/catalog/ModelsBadge.js';
import { ModelsTab } from '../../../renderer/src/features/catalog/ModelsTab.js';
import { useCatalogStore } from '../../../renderer/src/features/catalog/store.js';
import { createFakeBridge, FakeApiError, installBridge, type FakeBridge } from './helpers/fake-bridge.js';
import { profileDetail } from './helpers/fixtures.js';

type Model = MethodOutput<'models:list'>[number];
type Identifier = MethodOutput<'unrecognized:list'>[number];

const profile = profileDetail({ id: 'p1', name: 'Calendly (demo)', vendor: 'calendly' });
const MANAGER = 'Calendly seat (manager)';

const models = (): Model[] => [
  {
    id: 'mdl-user',
    profileId: 'p1',
    publisher: 'Calendly LLC',
    product: 'Calendly',
    licenseType: 'Calendly seat (user)',
    paid: true,
    seats: 120,
    ruleId: 'r-user',
    ruleName: 'Calendly seat (user)',
    mappedIdentifiers: [],
    createdAt: '2026-11-01T00:00:00.000Z',
  },
  {
    id: 'mdl-admin',
    profileId: 'p1',
    publisher: 'Calendly LLC',
    product: 'Calendly',
    licenseType: 'Calendly seat (admin)',
    paid: true,
    seats: 11,
    ruleId: 'r-admin',
    ruleName: 'Calendly seat (admin)',
    mappedIdentifiers: [],
    createdAt: '2026-11-01T00:00:00.000Z',
  },
];

const unresolved = (): Identifier => ({ profileId: 'p1', licenseType: MANAGER, seats: 6, firstSeenAt: '2026-11-01T00:00:00.000Z', resolution: null });

let bridge: FakeBridge;
let identifiers: Identifier[];

function install(overrides: Partial<FakeBridge['handlers']> = {}): void {
  identifiers = [unresolved()];
  bridge = createFakeBridge({
    'models:list': () => models(),
    'unrecognized:list': () => identifiers,
    'unrecognized:resolve': (input: MethodInput<'unrecognized:resolve'>) => {
      const row = identifiers.find((r) => r.licenseType === input.licenseType)!;
      const r = input.resolution;
      row.resolution =
        r.kind === 'mapped' ? { kind: 'mapped', modelId: r.modelId, modelLabel: 'Calendly seat (user)' } : r.kind === 'excluded' ? { kind: 'excluded', reason: r.reason } : null;
      return { ...row };
    },
    ...overrides,
  });
  installBridge(bridge);
}

beforeEach(() => {
  useCatalogStore.getState().reset();
  install();
});

afterEach(() => {
  cleanup();
  installBridge(undefined);
});

describe('Software models tab', () => {
  it('lists the models with their rule link and the unresolved identifier', async () => {
    render(<ModelsTab profile={profile} />);
    const modelsCard = await screen.findByRole('region', { name: 'Software models' });
    const rows = within(modelsCard).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.querySelector('.catalog-table__type')?.textContent).toBe('Calendly seat (user)');
    expect(within(rows[0]!).getByText('Paid')).toBeTruthy();
    expect(within(rows[0]!).getByRole('link', { name: 'Calendly seat (user)' }).getAttribute('href')).toBe('#/profiles/p1/rules');

    const identifiersCard = screen.getByRole('region', { name: 'Unrecognized subscription identifiers' });
    expect(within(identifiersCard).getByText(MANAGER)).toBeTruthy();
    expect(within(identifiersCard).getByText('Unresolved')).toBeTruthy();
    expect(within(identifiersCard).getByRole('button', { name: 'Map to model…' })).toBeTruthy();
    expect(within(identifiersCard).getByRole('button', { name: 'Exclude…' })).toBeTruthy();
  });

  it('maps an identifier: labelled select, focus on open, Save sends the model, then Clear is offered', async () => {
    render(<ModelsTab profile={profile} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Map to model…' }));
    const form = screen.getByRole('form', { name: `Map ${MANAGER} to a software model` });
    const select = within(form).getByLabelText(/Treat its 6 seats as/) as HTMLSelectElement;
    expect(document.activeElement).toBe(select);
    fireEvent.change(select, { target: { value: 'mdl-admin' } });
    await act(async () => {
      fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    });
    expect(bridge.callsTo('unrecognized:resolve')).toEqual([{ profileId: 'p1', licenseType: MANAGER, resolution: { kind: 'mapped', modelId: 'mdl-admin' } }]);
    expect(await screen.findByText('Mapped')).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
    const clear = screen.getByRole('button', { name: 'Clear' });
    expect(document.activeElement).toBe(clear);
    expect(screen.getByRole('status').textContent).toContain('now treated as Calendly seat (user)');

    await act(async () => {
      fireEvent.click(clear);
    });
    expect(bridge.callsTo('unrecognized:resolve').at(-1)).toEqual({ profileId: 'p1', licenseType: MANAGER, resolution: { kind: 'none' } });
    expect(await screen.findByText('Unresolved')).toBeTruthy();
  });

  it('excludes with a reason, refusing an empty one without a call', async () => {
    render(<ModelsTab profile={profile} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Exclude…' }));
    const form = screen.getByRole('form', { name: `Exclude ${MANAGER}` });
    const reason = within(form).getByLabelText('Why are these seats never reclaimed?');
    expect(document.activeElement).toBe(reason);
    fireEvent.click(within(form).getByRole('button', { name: 'Exclude' }));
    expect(within(form).getByRole('alert').textContent).toContain('Give a reason');
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(bridge.callsTo('unrecognized:resolve')).toEqual([]);

    fireEvent.change(reason, { target: { value: 'Billed by finance' } });
    await act(async () => {
      fireEvent.click(within(form).getByRole('button', { name: 'Exclude' }));
    });
    expect(bridge.callsTo('unrecognized:resolve')).toEqual([{ profileId: 'p1', licenseType: MANAGER, resolution: { kind: 'excluded', reason: 'Billed by finance' } }]);
    expect(await screen.findByText('Excluded')).toBeTruthy();
    expect(screen.getByText('Billed by finance')).toBeTruthy();
  });

  it('shows a refused resolution beside the row and keeps the form open', async () => {
    install({
      'unrecognized:resolve': () => {
        throw new FakeApiError('invalid_input', 'The software model "Asana Business" belongs to Asana; map onto a model of Calendly.');
      },
    });
    render(<ModelsTab profile={profile} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Map to model…' }));
    const form = screen.getByRole('form');
    await act(async () => {
      fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    });
    expect(within(form).getByRole('alert').textContent).toContain('belongs to Asana');
    expect(screen.getByText('Unresolved')).toBeTruthy();
    fireEvent.keyDown(within(form).getByRole('combobox'), { key: 'Escape' });
    expect(screen.queryByRole('form')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Map to model…' }));
  });

  it('has a designed empty state, and an error state with retry', async () => {
    install({ 'unrecognized:list': () => [] });
    render(<ModelsTab profile={profile} />);
    expect(await screen.findByRole('heading', { name: 'Every license type is recognised' })).toBeTruthy();
    cleanup();

    useCatalogStore.getState().reset();
    let fail = true;
    install({
      'models:list': () => {
        if (fail) throw new FakeApiError('internal', 'The data folder is locked.');
        return models();
      },
    });
    render(<ModelsTab profile={profile} />);
    expect((await screen.findByRole('alert')).textContent).toContain('The data folder is locked.');
    fail = false;
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    });
    expect(await screen.findByRole('region', { name: 'Software models' })).toBeTruthy();
  });

  it('shows a loading skeleton first', () => {
    install({ 'models:list': () => new Promise<Model[]>(() => undefined) });
    render(<ModelsTab profile={profile} />);
    expect(screen.getByRole('status').textContent).toBe('Loading software models…');
  });
});

describe('Software models badge', () => {
  it('counts unresolved identifiers and refreshes on profiles:changed', async () => {
    render(<ModelsBadge profile={profile} />);
    expect(await screen.findByText('1')).toBeTruthy();
    expect(screen.getByText(', 1 unrecognized identifier to resolve')).toBeTruthy();
    identifiers[0]!.resolution = { kind: 'excluded', reason: 'x' };
    await act(async () => {
      bridge.emit('profiles:changed', { profileId: 'p1' });
    });
    await act(async () => undefined);
    expect(screen.queryByText('1')).toBeNull();
  });

  it('loads nothing for a draft', () => {
    render(<ModelsBadge profile={{ ...profile, status: 'draft' }} />);
    expect(bridge.callsTo('unrecognized:list')).toEqual([]);
  });
});
