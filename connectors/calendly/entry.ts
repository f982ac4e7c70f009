/** What connectors/registry.ts loads for Calendly when one of its profiles connects: the descriptor, the factory and the HTTP settings. */
import type { ConnectorEntry } from '../registry.js';
import { createCalendlyConnector } from './connector.js';
import { calendlyDescriptor } from './descriptor.js';
import { calendlyHttpOptions } from './http-options.js';

export const calendlyEntry: ConnectorEntry = { descriptor: calendlyDescriptor, create: createCalendlyConnector, http: calendlyHttpOptions };
