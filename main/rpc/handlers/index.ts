/**
 * The contract's handlers, one module per domain, each keyed by the contract's own method
 * names: reading these files is reading what Seatwise can do. Every caller (IPC, the browser
 * host, the CLI) reaches them through dispatch().
 */
import type { SeatwiseService } from '../../../preload/contract.js';
import { appHandlers } from './app.js';
import { catalogHandlers } from './catalog.js';
import { connectionHandlers } from './connection.js';
import { directoryHandlers } from './directory.js';
import { fileImportHandlers } from './file-import.js';
import { profileHandlers } from './profiles.js';
import { reclamationHandlers } from './reclamation.js';
import type { Services } from './services.js';
import { syncHandlers } from './sync.js';

export type { Services };

export function createHandlers(services: Services): SeatwiseService {
  return {
    ...appHandlers(services),
    ...profileHandlers(services),
    ...connectionHandlers(services),
    ...syncHandlers(services),
    ...reclamationHandlers(services),
    ...catalogHandlers(services),
    ...directoryHandlers(services),
    ...fileImportHandlers(services),
  };
}
