/**
 * The browser host's `window.seatwise`: the same untyped bridge the Electron preload
 * exposes, over `fetch('/rpc/<method>')` and one EventSource on `/events`. The renderer
 * cannot tell which it has.
 *
 * Bundled on its own as an IIFE into `out/renderer/host-bridge.js`, which the host injects
 * before the app's script. Hence it imports types only: nothing of zod or the contract's
 * values ends up in the browser twice.
 */
import type { ApiError, ApiResult, SeatwiseBridge } from './contract.js';

/** The parts of the browser this bridge needs, injectable so Node tests can drive it. */
export interface HttpBridgeOptions {
  /** '' (same origin) in the browser; an absolute origin in tests. */
  baseUrl?: string;
  /** Extra request headers, e.g. `Authorization: Bearer` where there is no cookie jar. */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  EventSource?: EventSourceConstructor;
  /** Reconnect delays after the stream failed for good (the browser retries transient drops itself). */
  reconnectDelayMs?: { min: number; max: number };
}

interface EventSourceLike {
  readonly readyState: number;
  onerror: ((this: EventSourceLike, ev: Event) => unknown) | null;
  onopen: ((this: EventSourceLike, ev: Event) => unknown) | null;
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  close(): void;
}
type EventSourceConstructor = new (url: string, init?: { withCredentials?: boolean }) => EventSourceLike;

const CLOSED = 2;
const METHOD_NAME = /^[a-z][a-zA-Z]*:[a-z][a-zA-Z]*$/;

function failure(code: string, message: string, retryable: boolean): ApiResult<never> {
  const error: ApiError = { code, message, retryable };
  return { ok: false, error };
}

function isApiResult(value: unknown): value is ApiResult<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const record = value as { ok: unknown; error?: unknown };
  if (record.ok === true) return 'value' in record;
  if (record.ok !== false || typeof record.error !== 'object' || record.error === null) return false;
  const error = record.error as Record<string, unknown>;
  return typeof error.code === 'string' && typeof error.message === 'string';
}

export function createHttpBridge(options: HttpBridgeOptions = {}): SeatwiseBridge {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const EventSourceImpl = options.EventSource ?? (globalThis as { EventSource?: EventSourceConstructor }).EventSource;
  const delays = options.reconnectDelayMs ?? { min: 1000, max: 30_000 };

  async function invoke(method: string, input: unknown): Promise<ApiResult<unknown>> {
    if (typeof method !== 'string' || !METHOD_NAME.test(method)) {
      return failure('unknown_method', `Unknown method "${String(method).slice(0, 100)}".`, false);
    }
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}/rpc/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...options.headers },
        body: JSON.stringify(input ?? {}),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch {
      return failure('network', 'Seatwise is not reachable. Is `seatwise serve` still running?', true);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    // Refusals by the host (401, 404, 413...) already come in the ApiResult envelope.
    if (isApiResult(body)) return body;
    if (response.status === 401) return failure('unauthorized', 'This browser session has expired: open the URL printed by `seatwise serve` again.', false);
    return failure(`http_${response.status}`, `Seatwise answered HTTP ${response.status}.`, response.status >= 500);
  }

  // One stream for all listeners, opened with the first and closed with the last.
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSourceLike | undefined;
  /** Names the current source already has a handler for (it outlives their listeners). */
  let sourceNames = new Set<string>();
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retryDelay = delays.min;

  const deliver = (name: string, event: MessageEvent): void => {
    let payload: unknown;
    try {
      payload = JSON.parse(String(event.data));
    } catch {
      return;
    }
    for (const listener of [...(listeners.get(name) ?? [])]) {
      try {
        listener(payload);
      } catch {
        // One failing screen must not stop the others from hearing the event.
      }
    }
  };

  const subscribeName = (es: EventSourceLike, name: string): void => {
    if (sourceNames.has(name)) return;
    sourceNames.add(name);
    es.addEventListener(name, (event) => deliver(name, event));
  };

  const open = (): void => {
    if (source || !EventSourceImpl || listeners.size === 0) return;
    const es = new EventSourceImpl(`${baseUrl}/events`, { withCredentials: true });
    source = es;
    sourceNames = new Set();
    for (const name of listeners.keys()) subscribeName(es, name);
    es.onopen = () => {
      retryDelay = delays.min;
    };
    es.onerror = () => {
      // The browser reconnects by itself after a dropped connection; a refused one (the host
      // restarted, an HTTP error) closes the stream for good, so we reopen it with backoff.
      if (es.readyState !== CLOSED || source !== es) return;
      source = undefined;
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        open();
      }, retryDelay);
      retryDelay = Math.min(retryDelay * 2, delays.max);
    };
  };

  const closeIfIdle = (): void => {
    if (listeners.size > 0) return;
    source?.close();
    source = undefined;
    if (retryTimer !== undefined) clearTimeout(retryTimer);
    retryTimer = undefined;
  };

  function on(event: string, listener: (payload: unknown) => void): () => void {
    if (typeof event !== 'string' || typeof listener !== 'function') return () => undefined;
    let set = listeners.get(event);
    if (!set) {
      set = new Set();
      listeners.set(event, set);
      if (source) subscribeName(source, event);
    }
    set.add(listener);
    open();
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      const current = listeners.get(event);
      current?.delete(listener);
      // The source keeps its handler for this name; it finds an empty set and does nothing.
      if (current && current.size === 0) listeners.delete(event);
      closeIfIdle();
    };
  }

  return { invoke, on };
}

// In the browser host: install once, read-only, before the app's own script runs.
if (typeof window !== 'undefined' && !Object.hasOwn(window, 'seatwise')) {
  Object.defineProperty(window, 'seatwise', {
    value: Object.freeze(createHttpBridge()),
    writable: false,
    configurable: false,
    enumerable: true,
  });
}
