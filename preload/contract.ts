/**
 * The one contract between the renderer and the main-process services. Both transports
 * (Electron IPC in `preload/index.ts`, local HTTP in `main/host/`) expose exactly these
 * methods and events, validated with these schemas, so the renderer cannot tell which it has.
 *
 * Each domain keeps its schemas in `preload/contract/<domain>.ts`; this file assembles them.
 */
import type { z } from 'zod';
import { appMethods } from './contract/app.js';
import { auditMethods } from './contract/audit.js';
import { catalogMethods } from './contract/catalog.js';
import { connectionMethods } from './contract/connection.js';
import { directoryMethods } from './contract/directory.js';
import { fileImportMethods } from './contract/file-import.js';
import { playbookMethods } from './contract/playbook.js';
import { profileMethods } from './contract/profiles.js';
import { noticeMethods } from './contract/notices.js';
import { scheduleMethods } from './contract/schedule.js';
import { reclamationMethods } from './contract/reclamation.js';
import { settingsMethods } from './contract/settings.js';
import { subscriptionMethods } from './contract/subscriptions.js';
import { syncEvents, syncMethods } from './contract/sync.js';
import { teamMethods } from './contract/team.js';
import { vendorMethods } from './contract/vendors.js';
import type { ApiResult } from './contract/result.js';

export const methods = {
  ...appMethods,
  ...vendorMethods,
  ...profileMethods,
  ...connectionMethods,
  ...syncMethods,
  ...subscriptionMethods,
  ...reclamationMethods,
  ...auditMethods,
  ...catalogMethods,
  ...scheduleMethods,
  ...noticeMethods,
  ...playbookMethods,
  ...settingsMethods,
  ...directoryMethods,
  ...fileImportMethods,
  ...teamMethods,
} as const;

export const events = {
  ...syncEvents,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

/** What main implements: one async function per method, taking parsed input. */
export type SeatwiseService = {
  [M in MethodName]: (input: z.output<Methods[M]['input']>) => Promise<MethodOutput<M>>;
};

/**
 * The untyped bridge both transports put on `window.seatwise`. `renderer/src/api.ts` wraps
 * it in the typed API; nothing else in the renderer touches it.
 */
export interface SeatwiseBridge {
  invoke(method: string, input: unknown): Promise<ApiResult<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** IPC channel names: one per method, one for events. */
export const IPC_EVENT_CHANNEL = 'seatwise:event';
export const ipcChannel = (method: MethodName): string => `seatwise:${method}`;

export * from './contract/result.js';
export * from './contract/roles.js';
export * from './contract/team.js';
export * from './contract/common.js';
export * from './contract/profiles.js';
export * from './contract/sync.js';
export * from './contract/subscriptions.js';
export * from './contract/vendors.js';
export * from './contract/app.js';
export * from './contract/playbook.js';
export * from './contract/connection.js';
export * from './contract/reclamation.js';
export * from './contract/audit.js';
export * from './contract/catalog.js';
export * from './contract/notices.js';
export * from './contract/schedule.js';
export * from './contract/settings.js';
export * from './contract/directory.js';
export * from './contract/file-import.js';
