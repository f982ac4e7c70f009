/** What connectors/registry.ts loads for Asana when one of its profiles connects: the descriptor, the factory and the HTTP settings. */
import type { ConnectorEntry } from '../registry.js';
import { createAsanaConnector } from './connector.js';
import { asanaDescriptor } from './descriptor.js';
import { asanaHttpOptions } from './http-options.js';

export const asanaEntry: ConnectorEntry = { descriptor: asanaDescriptor, create: createAsanaConnector, http: asanaHttpOptions };
