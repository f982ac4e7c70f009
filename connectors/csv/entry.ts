/** What connectors/registry.ts lists for a CSV app: the descriptor and the factory; no HTTP settings (it makes no call). */
import type { ConnectorEntry } from '../registry.js';
import { createCsvConnector } from './connector.js';
import { csvDescriptor } from './descriptor.js';

export const csvEntry: ConnectorEntry = { descriptor: csvDescriptor, create: createCsvConnector };
