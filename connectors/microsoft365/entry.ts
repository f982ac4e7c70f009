/** What connectors/registry.ts lists for Microsoft 365: the descriptor, the factory and the HTTP settings. */
import type { ConnectorEntry } from '../registry.js';
import { createMicrosoft365Connector } from './connector.js';
import { microsoft365Descriptor } from './descriptor.js';
import { microsoft365HttpOptions } from './http-options.js';

export const microsoft365Entry: ConnectorEntry = {
  descriptor: microsoft365Descriptor,
  create: createMicrosoft365Connector,
  http: microsoft365HttpOptions,
};
