/** What connectors/registry.ts loads for Salesforce when one of its profiles connects: the descriptor, the factory and the HTTP settings. */
import type { ConnectorEntry } from '../registry.js';
import { createSalesforceConnector } from './connector.js';
import { salesforceDescriptor } from './descriptor.js';
import { salesforceHttpOptions } from './http-options.js';

export const salesforceEntry: ConnectorEntry = { descriptor: salesforceDescriptor, create: createSalesforceConnector, http: salesforceHttpOptions };
