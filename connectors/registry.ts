/**
 * Every connector Seatwise ships, by vendor. Main looks connectors up here and nowhere else.
 */
import { asanaDescriptor } from './asana/descriptor.js';
import { createAsanaConnector } from './asana/connector.js';
import { asanaHttpOptions } from './asana/http-options.js';
import { calendlyDescriptor } from './calendly/descriptor.js';
import { createCalendlyConnector } from './calendly/connector.js';
import { calendlyHttpOptions } from './calendly/http-options.js';
import { createCustomConnector } from './custom/connector.js';
import { customDescriptor } from './custom/descriptor.js';
import { customHttpOptions } from './custom/http-options.js';
import type { HttpClientOptions } from './http/client.js';
import { createSalesforceConnector } from './salesforce/connector.js';
import { salesforceDescriptor } from './salesforce/descriptor.js';
import { salesforceHttpOptions } from './salesforce/http-options.js';
import type { ConnectorDescriptor, ConnectorFactory, Vendor } from './types.js';
import { zoomEntry } from './zoom/entry.js';
import { githubEntry } from './github/entry.js';
import { oktaEntry } from './okta/entry.js';
import { microsoft365Entry } from './microsoft365/entry.js';
import { entraEntry } from './entra/entry.js';
import { csvEntry } from './csv/entry.js';

/** Vendor specifics of the HTTP client: how its errors read, its rate-limit error, its concurrency. */
export type VendorHttpOptions = Pick<HttpClientOptions, 'errorMessage' | 'classify' | 'concurrency' | 'policy'>;

export interface ConnectorEntry {
  descriptor: ConnectorDescriptor;
  create: ConnectorFactory;
  http?: VendorHttpOptions;
}

const entries: Partial<Record<Vendor, ConnectorEntry>> = {
  asana: { descriptor: asanaDescriptor, create: createAsanaConnector, http: asanaHttpOptions },
  calendly: { descriptor: calendlyDescriptor, create: createCalendlyConnector, http: calendlyHttpOptions },
  custom: { descriptor: customDescriptor, create: createCustomConnector, http: customHttpOptions },
  salesforce: { descriptor: salesforceDescriptor, create: createSalesforceConnector, http: salesforceHttpOptions },
  zoom: zoomEntry,
  github: githubEntry,
  microsoft365: microsoft365Entry,
  okta: oktaEntry,
  entra: entraEntry,
  csv: csvEntry,
};

export function connectorEntry(vendor: Vendor): ConnectorEntry | undefined {
  return entries[vendor];
}

export function allConnectors(): ConnectorEntry[] {
  return Object.values(entries);
}
