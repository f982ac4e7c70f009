/** What connectors/registry.ts lists for Okta: the descriptor, the factory and the HTTP settings. */
import type { ConnectorEntry } from '../registry.js';
import { createOktaConnector } from './connector.js';
import { oktaDescriptor } from './descriptor.js';
import { oktaHttpOptions } from './http-options.js';

export const oktaEntry: ConnectorEntry = { descriptor: oktaDescriptor, create: createOktaConnector, http: oktaHttpOptions };
