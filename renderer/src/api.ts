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

/** The contract methods that write a file: in the browser host they come back as downloads. */
export type ExportMethod = 'candidates:export' | 'notices:export' | 'audit:export';
/** An export's input without `out`: the browser decides where a download goes. */
export type DownloadInput<M extends ExportMethod> = Omit<MethodInput<M>, 'out'>;

export interface DownloadResult {
  /** The name the browser saved it under (before any "(1)" it adds). */
  filename: string;
  rows: number;
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
  /**
   * The browser host only: main writes the export for the browser (`POST /download/<method>`)
   * and the browser saves it as a download, never to a path this page chose.
   */
  download<M extends ExportMethod>(method: M, input: DownloadInput<M>): Promise<DownloadResult>;
}

const DOWNLOAD_FAILED = (method: string, detail: string) =>
  new ApiCallError({ code: CLIENT_ERROR_CODES.transport, message: `Seatwise could not hand over the file (${detail}).`, retryable: true }, method);

/** `attachment; filename="seatwise-audit-2026-01-31.csv"` → the name. */
function filenameOf(disposition: string | null): string | undefined {
  const match = /filename="([^"]+)"/.exec(disposition ?? '');
  return match?.[1];
}

/** Saves a Blob with the browser's own download, as a click on a link with `download` would. */
function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser reads the Blob once the download has started; some only after this task.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
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

  async download<M extends ExportMethod>(method: M, input: DownloadInput<M>): Promise<DownloadResult> {
    let response: Response;
    try {
      response = await fetch(`/download/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch (error) {
      throw DOWNLOAD_FAILED(method, error instanceof Error ? error.message : String(error));
    }
    const filename = filenameOf(response.headers.get('content-disposition'));
    if (!response.ok || filename === undefined) {
      // Refusals come in the contract's envelope, as every call's do.
      const body: unknown = await response.json().catch(() => undefined);
      if (isApiResult(body) && !body.ok) throw new ApiCallError({ code: body.error.code, message: body.error.message, retryable: Boolean(body.error.retryable) }, method);
      throw DOWNLOAD_FAILED(method, `HTTP ${response.status}`);
    }
    const blob = await response.blob();
    saveBlob(blob, filename);
    return { filename, rows: Number(response.headers.get('x-seatwise-rows') ?? 0) };
  },
};

/** How an export reaches the person: a download in the browser host, a path in the desktop app. */
export type ExportDelivery = 'download' | 'path';

/** Asked of main (`app:info`): which transport this window has. */
export async function exportDelivery(): Promise<ExportDelivery> {
  const info = await api.call('app:info', {});
  return info.transport === 'http' ? 'download' : 'path';
}

/** A message fit for a person, from anything a call may reject with. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiCallError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * Ends the session of a team server (only there is anyone signed in) and goes back to its front
 * page, which sends the browser to the company's sign-in. The cookie is HttpOnly: only the
 * server can end it.
 */
export async function signOut(): Promise<void> {
  await fetch('/auth/logout', { method: 'POST', credentials: 'same-origin' }).catch(() => undefined);
  window.location.assign('/');
}
