/**
 * An in-memory `window.seatwise` for component tests: the transport seam. Handlers answer
 * from test data; `emit` pushes events the way main would.
 */
import type { ApiError, ApiResult, EventName, EventPayload, MethodInput, MethodName, MethodOutput, SeatwiseBridge } from '../../../../preload/contract.js';

export class FakeApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable = false,
  ) {
    super(message);
  }
}

type Handler<M extends MethodName> = (input: MethodInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>;
export type Handlers = { [M in MethodName]?: Handler<M> };

export interface FakeBridge extends SeatwiseBridge {
  calls: Array<{ method: string; input: unknown }>;
  callsTo(method: MethodName): unknown[];
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  listenerCount(event: EventName): number;
  handlers: Handlers;
}

export function createFakeBridge(handlers: Handlers = {}): FakeBridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const bridge: FakeBridge = {
    calls: [],
    handlers,
    callsTo(method) {
      return bridge.calls.filter((call) => call.method === method).map((call) => call.input);
    },
    async invoke(method: string, input: unknown): Promise<ApiResult<unknown>> {
      bridge.calls.push({ method, input });
      const handler = (bridge.handlers as Record<string, ((input: unknown) => unknown) | undefined>)[method];
      if (!handler) return { ok: false, error: { code: 'unknown_method', message: `No fake for "${method}".`, retryable: false } };
      try {
        return { ok: true, value: await handler(input) };
      } catch (error) {
        const apiError: ApiError =
          error instanceof FakeApiError
            ? { code: error.code, message: error.message, retryable: error.retryable }
            : { code: 'internal', message: String(error), retryable: false };
        return { ok: false, error: apiError };
      }
    },
    on(event: string, listener: (payload: unknown) => void) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener);
      return () => set.delete(listener);
    },
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
    listenerCount(event) {
      return listeners.get(event)?.size ?? 0;
    },
  };
  return bridge;
}

export function installBridge(bridge: SeatwiseBridge | undefined): void {
  (globalThis as { seatwise?: unknown }).seatwise = bridge;
}
