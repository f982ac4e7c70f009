/**
 * Every connector Seatwise ships, by vendor. Main looks connectors up here and nowhere else.
 * A vendor's descriptor (names, playbook, what it supports) is here at once; its connector and
 * HTTP settings are loaded when a profile of it first connects, so a command that syncs one
 * vendor, or none (help, profiles list), does not load and build the other nine.
 */
import { asanaDescriptor } from './asana/descriptor.js';
import { calendlyDescriptor } from './calendly/descriptor.js';
import { csvDescriptor } from './csv/descriptor.js';
import { customDescriptor } from './custom/descriptor.js';
import { entraDescriptor } from './entra/descriptor.js';
import { githubDescriptor } from './github/descriptor.js';
import type { HttpClientOptions } from './http/client.js';
import { microsoft365Descriptor } from './microsoft365/descriptor.js';
import { oktaDescriptor } from './okta/descriptor.js';
import { salesforceDescriptor } from './salesforce/descriptor.js';
import type { ConnectorDescriptor, ConnectorFactory, Vendor } from './types.js';
import { zoomDescriptor } from './zoom/descriptor.js';

/** Vendor specifics of the HTTP client: how its errors read, its rate-limit error, its concurrency. */
export type VendorHttpOptions = Pick<HttpClientOptions, 'errorMessage' | 'classify' | 'concurrency' | 'policy'>;

/** A vendor's connector as its `entry.ts` exports it. */
export interface ConnectorEntry {
  descriptor: ConnectorDescriptor;
  create: ConnectorFactory;
  http?: VendorHttpOptions;
}

/** A vendor as listed here: its descriptor, and its entry when it is needed. */
export interface RegisteredConnector {
  descriptor: ConnectorDescriptor;
  load(): Promise<ConnectorEntry>;
}

const entries: Partial<Record<Vendor, RegisteredConnector>> = {
  asana: { descriptor: asanaDescriptor, load: () => import('./asana/entry.js').then((m) => m.asanaEntry) },
  calendly: { descriptor: calendlyDescriptor, load: () => import('./calendly/entry.js').then((m) => m.calendlyEntry) },
  custom: { descriptor: customDescriptor, load: () => import('./custom/entry.js').then((m) => m.customEntry) },
  salesforce: { descriptor: salesforceDescriptor, load: () => import('./salesforce/entry.js').then((m) => m.salesforceEntry) },
  zoom: { descriptor: zoomDescriptor, load: () => import('./zoom/entry.js').then((m) => m.zoomEntry) },
  github: { descriptor: githubDescriptor, load: () => import('./github/entry.js').then((m) => m.githubEntry) },
  microsoft365: { descriptor: microsoft365Descriptor, load: () => import('./microsoft365/entry.js').then((m) => m.microsoft365Entry) },
  okta: { descriptor: oktaDescriptor, load: () => import('./okta/entry.js').then((m) => m.oktaEntry) },
  entra: { descriptor: entraDescriptor, load: () => import('./entra/entry.js').then((m) => m.entraEntry) },
  csv: { descriptor: csvDescriptor, load: () => import('./csv/entry.js').then((m) => m.csvEntry) },
};

export function connectorEntry(vendor: Vendor): RegisteredConnector | undefined {
  return entries[vendor];
}

export function allConnectors(): RegisteredConnector[] {
  return Object.values(entries);
}
