// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { NewIntegrationPage } from '../../../renderer/src/features/new-integration/NewIntegrationPage.js';
import { validateIntegration } from '../../../renderer/src/features/new-integration/validation.js';
import { FakeApiError, type Handlers } from './helpers/fake-bridge.js';
import { asanaDescriptor, profileDetail, scimDescriptor } from './helpers/fixtures.js';
import { freshApp, teardown } from './helpers/setup.js';

afterEach(teardown);

function handlers(overrides: Handlers = {}): Handlers {
  return {
    'vendors:list': () => [asanaDescriptor, scimDescriptor],
    'profiles:create': (input) => profileDetail({ id: 'p-new', name: input.name, status: 'draft' }),
    'profiles:update': (input) => profileDetail({ id: input.profileId, status: 'draft' }),
    'connection:setSecret': () => ({ ok: true as const }),
    'profiles:publish': (input) => profileDetail({ id: input.profileId }),
    ...overrides,
  };
}

async function openForm(vendorKey = 'asana') {
  render(<NewIntegrationPage vendorKey={vendorKey} />);
  return screen.findByRole('button', { name: 'Create and publish' });
}

function errorOf(input: HTMLElement): string {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' | ');
}

describe('new integration: vendor picker', () => {
  it('lists each application as a link to its form', async () => {
    freshApp(handlers());
    render(<NewIntegrationPage />);
    const list = await screen.findByRole('list', { name: 'Applications' });
    const links = within(list).getAllByRole('link');
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['#/new/asana', '#/new/custom%3Ascim']);
    expect(within(list).getByText('SCIM 2.0 app')).toBeTruthy();
  });
});

describe('new integration: form', () => {
  it('prefills the connection URL and sign-in method from the descriptor', async () => {
    freshApp(handlers());
    await openForm();
    expect((screen.getByLabelText('Connection URL') as HTMLInputElement).value).toBe('https://app.asana.com/api/1.0');
    expect((screen.getByLabelText('Sign-in method') as HTMLSelectElement).value).toBe('token');
    const secret = screen.getByLabelText('Access token') as HTMLInputElement;
    expect(secret.type).toBe('password');
    expect(screen.getByLabelText(/Workspace gid/)).toBeTruthy();
  });

  it('shows each invalid field’s error beside it and sends nothing', async () => {
    const bridge = freshApp(handlers());
    const submit = await openForm();
    const url = screen.getByLabelText('Connection URL');
    await userEvent.clear(url);
    await userEvent.type(url, 'not a url');
    await userEvent.click(submit);

    const name = screen.getByLabelText('Name');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(errorOf(name)).toMatch(/Give the integration a name/);
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect(errorOf(url)).toMatch(/not a URL Seatwise can use/);
    expect(errorOf(screen.getByLabelText('Access token'))).toMatch(/Paste the access token/);
    // The first invalid field takes focus.
    expect(document.activeElement).toBe(name);
    expect(bridge.callsTo('profiles:create')).toHaveLength(0);

    // Fixing a field clears its error at once.
    await userEvent.type(name, 'Asana – Marketing');
    expect(name.getAttribute('aria-invalid')).toBeNull();
  });

  it('shows a server error at the top and keeps everything typed', async () => {
    let publishFails = true;
    const bridge = freshApp(
      handlers({
        'profiles:publish': (input) => {
          if (publishFails) throw new FakeApiError('connector_unauthorized', 'Asana answered 401 Not Authorized');
          return profileDetail({ id: input.profileId });
        },
      }),
    );
    const submit = await openForm();
    await userEvent.type(screen.getByLabelText('Name'), 'Asana – Marketing');
    await userEvent.type(screen.getByLabelText('Access token'), '1/12345:secret');
    await userEvent.type(screen.getByLabelText(/Workspace gid/), '1200000000000001');
    await userEvent.click(submit);

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Publishing failed')).toBeTruthy();
    expect(within(alert).getByText('Asana answered 401 Not Authorized')).toBeTruthy();
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('Asana – Marketing');
    expect((screen.getByLabelText('Connection URL') as HTMLInputElement).value).toBe('https://app.asana.com/api/1.0');
    expect((screen.getByLabelText(/Workspace gid/) as HTMLInputElement).value).toBe('1200000000000001');
    // The token went to the keychain once and is not kept in the form.
    expect(bridge.callsTo('connection:setSecret')).toEqual([{ profileId: 'p-new', kind: 'token', value: '1/12345:secret' }]);
    expect((screen.getByLabelText('Access token') as HTMLInputElement).value).toBe('');
    expect(screen.getByText(/Already stored in the OS keychain/)).toBeTruthy();
    expect(bridge.callsTo('profiles:create')).toEqual([
      {
        name: 'Asana – Marketing',
        vendor: 'asana',
        connection: { baseUrl: 'https://app.asana.com/api/1.0', grantType: 'token', options: { workspace: '1200000000000001' } },
      },
    ]);
    expect(window.location.hash).toBe('#/');

    // Trying again updates the same draft, needs no token again, and publishes.
    publishFails = false;
    await userEvent.click(screen.getByRole('button', { name: 'Create and publish' }));
    await waitFor(() => expect(window.location.hash).toBe('#/profiles/p-new/subscriptions'));
    expect(bridge.callsTo('profiles:create')).toHaveLength(1);
    expect(bridge.callsTo('profiles:update')).toHaveLength(1);
    expect(bridge.callsTo('profiles:publish')).toHaveLength(2);
  });

  it('creates, stores the secret, then publishes, in that order', async () => {
    const bridge = freshApp(handlers());
    const submit = await openForm('custom:scim');
    await userEvent.type(screen.getByLabelText('Name'), 'People Portal');
    await userEvent.type(screen.getByLabelText('Access token'), 'scim-token');
    await userEvent.click(submit);
    await waitFor(() => expect(window.location.hash).toBe('#/profiles/p-new/subscriptions'));
    expect(bridge.calls.map((call) => call.method)).toEqual(['vendors:list', 'profiles:create', 'connection:setSecret', 'profiles:publish']);
    expect(bridge.callsTo('profiles:create')[0]).toMatchObject({ vendor: 'custom', preset: 'scim' });
  });
});

describe('integration form validation rules', () => {
  const context = { vendor: 'asana', authMethods: ['token', 'authorization_code'] as const, secretStored: false };
  const valid = { name: 'Asana', baseUrl: 'https://app.asana.com/api/1.0', grantType: 'token' as const, clientId: '', secret: 't', workspace: '' };

  it('accepts a complete form', () => {
    expect(validateIntegration(valid, { ...context, authMethods: [...context.authMethods] })).toEqual({});
  });

  it('rejects non-http URLs, a blank name and a missing client id for OAuth', () => {
    const errors = validateIntegration(
      { ...valid, name: '   ', baseUrl: 'ftp://files.example.com', grantType: 'authorization_code' },
      { ...context, authMethods: [...context.authMethods] },
    );
    expect(Object.keys(errors).sort()).toEqual(['baseUrl', 'clientId', 'name']);
  });

  it('does not ask again for a secret already in the keychain', () => {
    expect(validateIntegration({ ...valid, secret: '' }, { ...context, authMethods: [...context.authMethods], secretStored: true })).toEqual({});
  });
});
