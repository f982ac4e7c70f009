// @vitest-environment jsdom
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectionOf, daysBefore, draftOf, lookbackDays, validateConnection, validateDetails, initialValues, valuesFromDraft } from '../../../renderer/src/features/playbook/model.js';
import { githubDescriptor } from '../../../connectors/github/descriptor.js';
import { PlaybookPage } from '../../../renderer/src/features/playbook/PlaybookPage.js';
import { usePlaybookStore } from '../../../renderer/src/features/playbook/store.js';
import type { MethodInput } from '../../../renderer/src/types.js';
import { FakeApiError, type Handlers } from './helpers/fake-bridge.js';
import { asanaDescriptor, profileDetail } from './helpers/fixtures.js';
import { freshApp, teardown } from './helpers/setup.js';

const descriptor = {
  ...asanaDescriptor,
  registerApp: {
    title: 'Register Seatwise at Asana',
    intro: 'Choose how Seatwise signs in.',
    checklist: ['Create a service account', 'Copy its token'],
    links: [{ label: 'Asana developer console', url: 'https://app.asana.com/0/my-apps' }],
    needsRedirectUri: true,
  },
  permissions: [
    { process: 'download' as const, permission: 'Workspace member', why: 'Lists memberships.' },
    { process: 'reclaim' as const, permission: 'Workspace admin', why: 'Removes users.' },
  ],
};

type SaveInput = MethodInput<'playbook:save'>;

/** An in-memory main: profiles and their playbook progress. */
function fakeMain(overrides: Handlers = {}) {
  const playbooks = new Map<string, { currentStep: string; completed: string[]; draft: Record<string, unknown> }>();
  let created = 0;
  const handlers: Handlers = {
    'vendors:list': () => [descriptor],
    'profiles:create': (input) => {
      created += 1;
      const id = `p-${created}`;
      playbooks.set(id, { currentStep: 'register', completed: [], draft: {} });
      return profileDetail({ id, name: input.name, status: 'draft' });
    },
    'profiles:update': (input) => profileDetail({ id: input.profileId, status: 'draft' }),
    'profiles:get': (input) => profileDetail({ id: input.profileId, status: 'draft', connection: { ...profileDetail().connection, hasSecret: true } }),
    'connection:setSecret': () => ({ ok: true as const }),
    'connection:validate': () => ({
      connectedAs: 'Ada Admin',
      results: [
        { process: 'download', ok: true, message: 'Can list members.' },
        { process: 'activity', ok: false, message: 'Audit log needs Enterprise.' },
      ],
    }),
    'profiles:publish': (input) => profileDetail({ id: input.profileId }),
    'playbook:get': (input) => playbooks.get(input.profileId) ?? { currentStep: 'register', completed: [], draft: {} },
    'playbook:save': (input: SaveInput) => {
      const next = { currentStep: input.currentStep, completed: input.completed ?? [], draft: input.draft };
      playbooks.set(input.profileId, next);
      return next;
    },
    ...overrides,
  };
  return { handlers, playbooks };
}

beforeEach(() => {
  window.localStorage.clear();
  usePlaybookStore.getState().reset();
});
afterEach(teardown);

const heading = () => document.getElementById('playbook-step-title')?.textContent;

describe('playbook model', () => {
  it('checks the details: name required, at most 60 days back', () => {
    const today = new Date(2026, 5, 30);
    const values = { ...initialValues(descriptor, today) };
    expect(values.activityFrom).toBe(daysBefore(today, 60));
    expect(lookbackDays(values, today)).toBe(60);
    expect(validateDetails(values, today).name).toMatch(/name/);
    expect(validateDetails({ ...values, name: 'A', activityFrom: daysBefore(today, 61) }, today).activityFrom).toMatch(/at most 60 days/);
    expect(validateDetails({ ...values, name: 'A', activityFrom: daysBefore(today, 10) }, today)).toEqual({});
  });

  it('checks the connection: URL, the secret unless stored', () => {
    const values = { ...initialValues(descriptor), baseUrl: 'not a url' };
    const context = { vendor: 'asana', authMethods: descriptor.authMethods, secret: '', secretStored: false };
    const errors = validateConnection(values, context);
    expect(errors.baseUrl).toMatch(/not a URL/);
    expect(errors.secret).toMatch(/access token/);
    expect(validateConnection({ ...values, baseUrl: 'https://x.example/api' }, { ...context, secretStored: true })).toEqual({});
  });

  it('asks for the options the vendor declares: GitHub\'s organization, required and checked, kept in the draft', () => {
    const github = { ...githubDescriptor, connectionOptions: githubDescriptor.connectionOptions };
    const values = { ...initialValues(github), baseUrl: 'https://api.github.com' };
    const context = { vendor: 'github', authMethods: github.authMethods, secret: '', secretStored: true, connectionOptions: github.connectionOptions };
    expect(validateConnection(values, context)['option:org']).toMatch(/Enter the organization/);
    expect(validateConnection({ ...values, options: { org: 'acme corp' } }, context)['option:org']).toMatch(/letters, digits and hyphens/);
    const good = { ...values, options: { org: ' acme-corp ' } };
    expect(validateConnection(good, context)).toEqual({});
    expect(connectionOf(good, github).options).toEqual({ org: 'acme-corp' });
    expect(valuesFromDraft(initialValues(github), draftOf(good)).options).toEqual({ org: ' acme-corp ' });
  });
});

describe('playbook screen', () => {
  it('shows the vendor’s checklist, permissions table, redirect URI and links on step 1', async () => {
    freshApp(fakeMain().handlers);
    render(<PlaybookPage vendorKey="asana" />);
    await screen.findByText('Create a service account');
    expect(heading()).toBe('Register the app');
    expect(screen.getByRole('table').textContent).toContain('Workspace admin');
    expect(screen.getByTestId('redirect-uri').textContent).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const link = screen.getByRole('link', { name: /Asana developer console/ });
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noreferrer');
    // The step list marks the current step.
    expect(screen.getByRole('button', { name: /Register the app/ }).getAttribute('aria-current')).toBe('step');
  });

  it('shows an invalid name beside the field and stays on the step', async () => {
    freshApp(fakeMain().handlers);
    render(<PlaybookPage vendorKey="asana" />);
    await userEvent.click(await screen.findByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(heading()).toBe('Profile details'));
    expect((screen.getByLabelText('Download seats') as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByLabelText('Reclaim seats') as HTMLInputElement).checked).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    const name = screen.getByLabelText('Name');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(heading()).toBe('Profile details');
  });

  it('keeps progress before the draft exists and resumes on the same step', async () => {
    freshApp(fakeMain().handlers);
    const first = render(<PlaybookPage vendorKey="asana" />);
    await userEvent.click(await screen.findByRole('button', { name: 'Continue' }));
    await userEvent.type(screen.getByLabelText('Name'), 'Asana – Marketing');
    await userEvent.tab();
    first.unmount();
    usePlaybookStore.getState().reset();

    render(<PlaybookPage vendorKey="asana" />);
    await waitFor(() => expect(heading()).toBe('Profile details'));
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('Asana – Marketing');
  });

  it('creates the draft on the connection step, sends the secret once, never saves it in the draft', async () => {
    const main = fakeMain();
    const bridge = freshApp(main.handlers);
    render(<PlaybookPage vendorKey="asana" />);
    await userEvent.click(await screen.findByRole('button', { name: 'Continue' }));
    await userEvent.type(screen.getByLabelText('Name'), 'Asana – Marketing');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(heading()).toBe('Connection and credential'));
    await userEvent.type(screen.getByLabelText('Access token'), 'secret-token-123');
    await userEvent.click(screen.getByRole('button', { name: 'Connect and continue' }));
    await waitFor(() => expect(heading()).toBe('Additional org'));

    expect(bridge.callsTo('profiles:create')).toHaveLength(1);
    expect(bridge.callsTo('connection:setSecret')).toEqual([{ profileId: 'p-1', kind: 'token', value: 'secret-token-123' }]);
    const saves = bridge.callsTo('playbook:save') as SaveInput[];
    expect(saves.length).toBeGreaterThan(0);
    expect(JSON.stringify(saves)).not.toContain('secret-token-123');
    expect(main.playbooks.get('p-1')?.currentStep).toBe('org');
    expect(main.playbooks.get('p-1')?.completed).toEqual(['register', 'details', 'connection']);
    expect(JSON.stringify(window.localStorage)).not.toContain('secret-token-123');
  });

  it('shows a failing connection on the connection step, beside the URL, and leaves no draft behind', async () => {
    const removed: string[] = [];
    const main = fakeMain({
      'connection:validate': () => ({ results: [{ process: 'download', ok: false, message: 'Could not reach Asana at 127.0.0.1:9: network error.' }] }),
      'profiles:remove': (input) => {
        removed.push(input.profileId);
        return { ok: true as const };
      },
    });
    freshApp(main.handlers);
    render(<PlaybookPage vendorKey="asana" />);
    await userEvent.click(await screen.findByRole('button', { name: 'Continue' }));
    await userEvent.type(screen.getByLabelText('Name'), 'Bad');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(heading()).toBe('Connection and credential'));
    const url = screen.getByLabelText('Connection URL');
    await userEvent.clear(url);
    await userEvent.type(url, 'http://127.0.0.1:9/api/1.0');
    await userEvent.type(screen.getByLabelText('Access token'), 'tok');
    await userEvent.click(screen.getByRole('button', { name: 'Connect and continue' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/could not connect/);
    expect(heading()).toBe('Connection and credential');
    expect(url.getAttribute('aria-invalid')).toBe('true');
    // The draft this attempt created went again (with its stored token); the form keeps its input.
    await waitFor(() => expect(removed).toEqual(['p-1']));
    expect(usePlaybookStore.getState().profileId).toBeNull();
    expect((screen.getByLabelText('Connection URL') as HTMLInputElement).value).toBe('http://127.0.0.1:9/api/1.0');
  });

  it('takes the banner of a failed attempt away when the next attempt is stopped by an empty field', async () => {
    const main = fakeMain({
      'connection:validate': () => ({ results: [{ process: 'download', ok: false, message: 'Could not reach Asana: connection refused.' }] }),
      'profiles:remove': () => ({ ok: true as const }),
    });
    freshApp(main.handlers);
    render(<PlaybookPage vendorKey="asana" />);
    await userEvent.click(await screen.findByRole('button', { name: 'Continue' }));
    await userEvent.type(screen.getByLabelText('Name'), 'Twice');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(heading()).toBe('Connection and credential'));
    const url = screen.getByLabelText('Connection URL');
    await userEvent.clear(url);
    await userEvent.type(url, 'http://127.0.0.1:9/api/1.0');
    await userEvent.type(screen.getByLabelText('Access token'), 'tok');
    await userEvent.click(screen.getByRole('button', { name: 'Connect and continue' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/could not connect/);
    await userEvent.clear(url);
    await userEvent.click(screen.getByRole('button', { name: 'Connect and continue' }));
    // Only the new, inline error: the old banner no longer sits above it.
    expect(screen.queryByText(/could not connect with these settings/)).toBeNull();
    expect(screen.getByText('Enter the connection URL.')).toBeTruthy();
  });

  it('cancels a connection attempt that hangs: the form is back at once and the draft it made goes', async () => {
    const removed: string[] = [];
    let answer: (value: { results: Array<{ process: 'download'; ok: boolean; message: string }> }) => void = () => undefined;
    const main = fakeMain({
      'connection:validate': () => new Promise((resolve) => (answer = resolve)),
      'profiles:remove': (input) => {
        removed.push(input.profileId);
        return { ok: true as const };
      },
    });
    freshApp(main.handlers);
    render(<PlaybookPage vendorKey="asana" />);
    await userEvent.click(await screen.findByRole('button', { name: 'Continue' }));
    await userEvent.type(screen.getByLabelText('Name'), 'Slow');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(heading()).toBe('Connection and credential'));
    await userEvent.clear(screen.getByLabelText('Connection URL'));
    await userEvent.type(screen.getByLabelText('Connection URL'), 'http://10.255.255.1/api/1.0');
    await userEvent.type(screen.getByLabelText('Access token'), 'tok');
    await userEvent.click(screen.getByRole('button', { name: 'Connect and continue' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText(/The draft this attempt made was removed/)).toBeTruthy();
    await waitFor(() => expect(removed).toEqual(['p-1']));
    expect(usePlaybookStore.getState().busy).toBeNull();
    expect(usePlaybookStore.getState().profileId).toBeNull();
    expect(usePlaybookStore.getState().secret).toBe('tok');
    expect((screen.getByLabelText('Connection URL') as HTMLInputElement).disabled).toBe(false);
    // The answer that comes after all changes nothing.
    answer({ results: [{ process: 'download', ok: true, message: 'Can list members.' }] });
    await Promise.resolve();
    expect(heading()).toBe('Connection and credential');
    expect(usePlaybookStore.getState().profileId).toBeNull();
  });

  it('resumes a draft from its saved step, validates one result per process and publishes', async () => {
    const main = fakeMain();
    main.playbooks.set('p-9', { currentStep: 'review', completed: ['register', 'details', 'connection', 'org'], draft: { name: 'Asana – Sales' } });
    const bridge = freshApp(main.handlers);
    render(<PlaybookPage profileId="p-9" />);
    await waitFor(() => expect(heading()).toBe('Review and publish'));
    expect(screen.getByText('Asana – Sales')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Validate connection' }));
    const results = await screen.findByRole('list', { name: 'Validation results' });
    expect(results.querySelectorAll('li')).toHaveLength(2);
    expect(results.textContent).toContain('Audit log needs Enterprise.');
    await userEvent.click(screen.getByRole('button', { name: 'Publish' }));
    await waitFor(() => expect(window.location.hash).toBe('#/profiles/p-9/subscriptions'));
    expect(bridge.callsTo('profiles:publish')).toEqual([{ profileId: 'p-9' }]);
  });

  it('shows a publish failure and stays on review', async () => {
    const main = fakeMain({
      'profiles:publish': () => {
        throw new FakeApiError('connection_failed', 'The connection could not be validated.');
      },
    });
    main.playbooks.set('p-9', { currentStep: 'review', completed: [], draft: {} });
    freshApp(main.handlers);
    render(<PlaybookPage profileId="p-9" />);
    await waitFor(() => expect(heading()).toBe('Review and publish'));
    await userEvent.click(screen.getByRole('button', { name: 'Publish' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/could not be validated/);
    expect(heading()).toBe('Review and publish');
  });
});

describe('playbook: OAuth sign-in and extra orgs', () => {
  it('runs the loopback sign-in with the client secret and shows who it connected as', async () => {
    const main = fakeMain({
      'connection:authorize': (input) =>
        profileDetail({ id: input.profileId, status: 'draft', connection: { ...profileDetail().connection, hasSecret: true, connectedAs: 'Ada Admin <ada@example.com>' } }),
    });
    main.playbooks.set('p-3', { currentStep: 'connection', completed: ['register', 'details'], draft: { name: 'Asana – OAuth', grantType: 'authorization_code', clientId: 'cid' } });
    const bridge = freshApp(main.handlers);
    render(<PlaybookPage profileId="p-3" />);
    await waitFor(() => expect(heading()).toBe('Connection and credential'));
    await userEvent.type(screen.getByLabelText(/Client secret/), 'client-secret-xyz');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in and continue' }));
    await waitFor(() => expect(heading()).toBe('Additional org'));
    expect(bridge.callsTo('connection:authorize')).toEqual([{ profileId: 'p-3', clientSecret: 'client-secret-xyz' }]);
    expect(bridge.callsTo('connection:setSecret')).toHaveLength(0);
    expect(usePlaybookStore.getState().connectedAs).toBe('Ada Admin <ada@example.com>');
  });

  it('stores nothing and stays on the step when the sign-in fails', async () => {
    const main = fakeMain({
      'connection:authorize': () => {
        throw new FakeApiError('auth_failed', 'The sign-in was cancelled in the browser.');
      },
    });
    main.playbooks.set('p-3', { currentStep: 'connection', completed: [], draft: { name: 'Asana – OAuth', grantType: 'authorization_code', clientId: 'cid' } });
    const bridge = freshApp(main.handlers);
    render(<PlaybookPage profileId="p-3" />);
    await waitFor(() => expect(heading()).toBe('Connection and credential'));
    await userEvent.click(screen.getByRole('button', { name: 'Sign in and continue' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/cancelled in the browser/);
    expect(heading()).toBe('Connection and credential');
    expect(bridge.callsTo('connection:setSecret')).toHaveLength(0);
  });

  it('adds another org with its own credential', async () => {
    const main = fakeMain({
      'connection:addOrg': (input) =>
        profileDetail({ id: input.profileId, extraOrgs: [{ ...profileDetail().connection, aliasId: 'a2', label: input.label, baseUrl: input.connection.baseUrl }] }),
    });
    main.playbooks.set('p-4', { currentStep: 'org', completed: ['register', 'details', 'connection'], draft: { name: 'Asana' } });
    const bridge = freshApp(main.handlers);
    render(<PlaybookPage profileId="p-4" />);
    await waitFor(() => expect(heading()).toBe('Additional org'));
    await userEvent.click(screen.getByRole('button', { name: 'Add an org' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add org' }));
    expect(screen.getByLabelText('Label').getAttribute('aria-invalid')).toBe('true');
    await userEvent.type(screen.getByLabelText('Label'), 'EMEA');
    await userEvent.type(screen.getByLabelText('Org connection URL'), 'https://emea.example.com/api/1.0');
    await userEvent.type(screen.getByLabelText('Org access token'), 'emea-token');
    await userEvent.click(screen.getByRole('button', { name: 'Add org' }));
    const list = await screen.findByRole('list', { name: 'Additional orgs' });
    expect(list.textContent).toContain('EMEA');
    expect(bridge.callsTo('connection:setSecret')).toEqual([{ profileId: 'p-4', aliasId: 'a2', kind: 'token', value: 'emea-token' }]);
    expect(screen.getByRole('button', { name: 'Continue' })).toBeTruthy();
  });
});
