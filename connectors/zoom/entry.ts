/** What connectors/registry.ts lists for Zoom: the descriptor, the factory and the HTTP settings. */
import type { ConnectorEntry } from '../registry.js';
import { createZoomConnector } from './connector.js';
import { zoomDescriptor } from './descriptor.js';
import { zoomHttpOptions } from './http-options.js';

export const zoomEntry: ConnectorEntry = { descriptor: zoomDescriptor, create: createZoomConnector, http: zoomHttpOptions };
