/** What connectors/registry.ts loads for a custom or SCIM 2.0 app when one of its profiles connects: the descriptor, the factory and the HTTP settings. */
import type { ConnectorEntry } from '../registry.js';
import { createCustomConnector } from './connector.js';
import { customDescriptor } from './descriptor.js';
import { customHttpOptions } from './http-options.js';

export const customEntry: ConnectorEntry = { descriptor: customDescriptor, create: createCustomConnector, http: customHttpOptions };
