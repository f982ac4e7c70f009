// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { NewIntegrationPage } from '../../../renderer/src/features/new-integration/NewIntegrationPage.js';
import type { Handlers } from './helpers/fake-bridge.js';
import { asanaDescriptor, scimDescriptor } from './helpers/fixtures.js';
import { freshApp, teardown } from './helpers/setup.js';

afterEach(teardown);

function handlers(overrides: Handlers = {}): Handlers {
  return { 'vendors:list': () => [asanaDescriptor, scimDescriptor], ...overrides };
}

describe('new integration: vendor picker', () => {
  it('lists each application as a link to its playbook', async () => {
    freshApp(handlers());
    render(<NewIntegrationPage />);
    const list = await screen.findByRole('list', { name: 'Applications' });
    const links = within(list).getAllByRole('link');
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['#/new/asana', '#/new/custom%3Ascim']);
    expect(within(list).getByText('SCIM 2.0 app')).toBeTruthy();
  });
});
