/**
 * Composition root: builds every service from its parts and knows nothing of Electron or
 * HTTP. Both transports (main/electron/ipc.ts, main/host/) and the CLI start here.
 */
import type { SeatwiseService } from '../preload/contract.js';
import type { EventBus } from './events/bus.js';

export interface SeatwiseApp {
  readonly service: SeatwiseService;
  readonly events: EventBus;
  readonly dataDir: string;
  close(): Promise<void>;
}
