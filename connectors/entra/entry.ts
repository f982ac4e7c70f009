/** What connectors/registry.ts lists for Microsoft Entra ID: the descriptor, the factory and the HTTP settings. */
import type { ConnectorEntry } from '../registry.js';
import { createEntraConnector } from './connector.js';
import { entraDescriptor } from './descriptor.js';
import { entraHttpOptions } from './http-options.js';

export const entraEntry: ConnectorEntry = { descriptor: entraDescriptor, create: createEntraConnector, http: entraHttpOptions };
