/**
 * The renderer's only door to Seatwise's services. `window.seatwise` is a SeatwiseBridge set
 * either by the Electron preload (over IPC) or by the browser host's client (over HTTP); this
 * module wraps it in a typed API and is the only file that touches it.
 *
 *   const profiles = await api.call('profiles:list', {});
 *   const stop = api.on('sync:progress', (event) => ...);
 *
 * Every call resolves to the method's output or rejects with an ApiCallError
 * `{ code, message, retryable }`: never a raw transport error.
 */
import type {
  ApiError,
  ApiResult,
  EventName,
  EventPayload,
  MethodInput,
  MethodName,
  MethodOutput,
  SeatwiseBridge,
} from '../../preload/contract.js';

/** Codes the renderer itself produces, beside the ones main sends. */
export const CLIENT_ERROR_CODES = {
  bridgeMissing: 'bridge_missing',
  transport: 'transport',
  badResponse: 'bad_response',
} as const;

export class ApiCallError extends Error implements ApiError {
  override readonly name = 'ApiCallError';
  readonly code: string;
  readonly retryable: boolean;
  /** The method that failed, for logs and error screens. */
  readonly method: string | undefined;

  constructor(error: ApiError, method?: string) {
    super(error.message);
    this.code = error.code;
    this.retryable = error.retryable;
    this.method = method;
  }
}

export const BRIDGE_MISSING_MESSAGE =
  'Seatwise cannot reach its background service: this page was opened without the Seatwise bridge. ' +
  'Open it from the Seatwise desktop app, or start the browser host with `seatwise serve` and use the address it prints.';

function bridge(): SeatwiseBridge | undefined {
  const candidate = (globalThis as { seatwise?: unknown }).seatwise;
  if (candidate && typeof candidate === 'object') {
    const maybe = candidate as Partial<SeatwiseBridge>;
    if (typeof maybe.invoke === 'function' && typeof maybe.on === 'function') return candidate as SeatwiseBridge;
  }
  return undefined;
}

function isApiResult(value: unknown): value is ApiResult<unknown> {
  if (!value || typeof value !== 'object') return false;
  const result = value as { ok?: unknown; error?: unknown };
  if (result.ok === true) return true;
  if (result.ok !== false || !result.error || typeof result.error !== 'object') return false;
  const error = result.error as Partial<ApiError>;
  return typeof error.code === 'string' && typeof error.message === 'string';
}

/** Turns anything a call can reject with into an ApiCallError. */
export function toApiCallError(error: unknown, method?: string): ApiCallError {
  if (error instanceof ApiCallError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new ApiCallError(
    { code: CLIENT_ERROR_CODES.transport, message: `Seatwise's background service did not answer (${detail}).`, retryable: true },
    method,
  );
}

export interface SeatwiseApi {
  /** Calls one contract method; resolves to its output or rejects with ApiCallError. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /**
   * Listens to one event pushed by main. Returns the unsubscribe function. Without a bridge
   * there are no events: it returns a no-op (calls report the missing bridge).
   */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Whether a bridge is present at all (the app shows a dedicated screen when not). */
  available(): boolean;
}

export const api: SeatwiseApi = {
  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const target = bridge();
    if (!target) {
      throw new ApiCallError({ code: CLIENT_ERROR_CODES.bridgeMissing, message: BRIDGE_MISSING_MESSAGE, retryable: false }, method);
    }
    let result: unknown;
    try {
      result = await target.invoke(method, input);
    } catch (error) {
      throw toApiCallError(error, method);
    }
    if (!isApiResult(result)) {
      throw new ApiCallError(
        { code: CLIENT_ERROR_CODES.badResponse, message: `Seatwise answered "${method}" with something it could not read.`, retryable: true },
        method,
      );
    }
    if (!result.ok) {
      throw new ApiCallError({ code: result.error.code, message: result.error.message, retryable: Boolean(result.error.retryable) }, method);
    }
    // The transports validate outputs against the contract's schemas before they cross.
    return result.value as MethodOutput<M>;
  },

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const target = bridge();
    if (!target) return () => undefined;
    return target.on(event, (payload) => listener(payload as EventPayload<E>));
  },

  available(): boolean {
    return bridge() !== undefined;
  },
};

/** A message fit for a person, from anything a call may reject with. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiCallError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
