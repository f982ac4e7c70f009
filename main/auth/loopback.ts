/**
 * The loopback redirect of RFC 8252 section 7.3: a one-shot HTTP server on
 * `http://127.0.0.1:<port>/callback` that takes exactly one authorization response.
 *
 * Any program on this machine can reach the listener, and only the browser that went
 * through the vendor's sign-in knows the `state`. So a callback with the wrong state (or
 * none) proves nothing about the attempt: it is answered 400 and ignored, and the listener
 * keeps waiting for the real answer; otherwise a stranger could end every sign-in with one
 * request. The first callback whose state matches decides the attempt: an error answer
 * (`access_denied`, ...) or a response without a code ends it with an AuthError, as do the
 * timeout, cancellation, and a second matching callback while the first is still being
 * exchanged. When the time runs out after wrong-state callbacks were refused, the error says
 * so (a stale tab of an earlier attempt looks just like that). The browser gets a small page
 * telling the person what happened and to go back to Seatwise.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthError } from './errors.js';
import { resultPage } from './result-page.js';

export const CALLBACK_PATH = '/callback';

export interface LoopbackOptions {
  /** The `state` sent in the authorization request. */
  expectedState: string;
  /** 0 (the default) picks a free ephemeral port; a pinned port for vendors that need the exact URI. */
  port?: number;
  /** How long to wait for the answer, from the moment the listener is up. */
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface LoopbackListener {
  /** `http://127.0.0.1:<port>/callback`: the redirect_uri to send. */
  readonly redirectUri: string;
  /** The callback's query parameters once the one answer arrived and its state matched. */
  readonly answer: Promise<URLSearchParams>;
  /** Rejects when the attempt is ended after the answer arrived (a second callback, cancellation). */
  readonly interrupted: Promise<never>;
  /** Shows the outcome in the browser tab that delivered the answer and closes the server. */
  finish(error?: AuthError): Promise<void>;
}

/** Compares secrets in constant time; hashing first makes unequal lengths safe too. */
export function sameState(expected: string, actual: string | null): boolean {
  if (actual === null) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(actual).digest();
  return timingSafeEqual(a, b);
}

/** Reads the authorization response: a matching state, then an error or a code. */
export function checkCallback(params: URLSearchParams, expectedState: string): AuthError | undefined {
  if (!sameState(expectedState, params.get('state'))) {
    return new AuthError(
      'state_mismatch',
      'The sign-in answer did not match the sign-in Seatwise started (wrong state), so it was refused. Start the sign-in again from Seatwise.',
    );
  }
  const error = params.get('error');
  if (error) {
    const description = params.get('error_description');
    const detail = description ? `: ${description}` : '';
    if (error === 'access_denied') {
      return new AuthError('access_denied', `The sign-in was declined at the vendor${detail}. Nothing was stored.`);
    }
    return new AuthError('authorization_failed', `The vendor refused the sign-in (${error}${detail}). Nothing was stored.`);
  }
  if (!params.get('code')) {
    return new AuthError('authorization_failed', 'The sign-in answer carried no authorization code. Start the sign-in again.');
  }
  return undefined;
}

/** What a callback with the wrong state is shown; the attempt it did not belong to goes on. */
const STRAY_CALLBACK =
  'This sign-in answer does not belong to the sign-in Seatwise is waiting for (wrong state), so it was ignored. If you started a sign-in, finish it in the tab Seatwise opened.';

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    connection: 'close',
  });
  res.end(html);
}

function listen(server: ReturnType<typeof createServer>, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      const why =
        error.code === 'EADDRINUSE'
          ? `port ${port} on 127.0.0.1 is already used by another program. Close it, or choose another port in the connection settings (and register the new redirect URI at the vendor)`
          : error.message;
      reject(new AuthError('loopback_unavailable', `Seatwise cannot receive the sign-in answer: ${why}.`));
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

/** Starts the listener. Always call `finish()` when the attempt is over. */
export async function startLoopback(options: LoopbackOptions): Promise<LoopbackListener> {
  type State = 'waiting' | 'answered' | 'done';
  let state: State = 'waiting';
  let held: ServerResponse | undefined;
  let resolveAnswer!: (params: URLSearchParams) => void;
  let rejectAnswer!: (error: AuthError) => void;
  let rejectInterrupted!: (error: AuthError) => void;
  const answer = new Promise<URLSearchParams>((resolve, reject) => {
    resolveAnswer = resolve;
    rejectAnswer = reject;
  });
  const interrupted = new Promise<never>((_, reject) => {
    rejectInterrupted = reject;
  });
  // Whoever ends up awaiting these gets the rejection; nobody else sees an unhandled one.
  answer.catch(() => undefined);
  interrupted.catch(() => undefined);

  /** Callbacks refused for a wrong state; the timeout's message mentions them. */
  let forged = 0;
  const timer: { id?: NodeJS.Timeout } = {};
  const server = createServer((req, res) => onRequest(req, res));

  const close = (): void => {
    clearTimeout(timer.id);
    options.signal?.removeEventListener('abort', onAbort);
    server.close();
    server.closeIdleConnections();
  };

  /** Ends the attempt before any answer was accepted. */
  const endWaiting = (error: AuthError): void => {
    if (state !== 'waiting') return;
    state = 'done';
    rejectAnswer(error);
    close();
  };

  /** Ends the attempt while the answer is being exchanged for tokens. */
  const interrupt = (error: AuthError): void => {
    if (state !== 'answered') return;
    rejectInterrupted(error);
  };

  function onRequest(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== CALLBACK_PATH) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }).end('Not found');
      return;
    }
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET', connection: 'close' }).end();
      return;
    }
    if (state !== 'done' && !sameState(options.expectedState, url.searchParams.get('state'))) {
      // Not an answer to this attempt: refused, and the attempt goes on.
      forged += 1;
      send(res, 400, resultPage(STRAY_CALLBACK));
      return;
    }
    if (state === 'waiting') {
      const error = checkCallback(url.searchParams, options.expectedState);
      if (error) {
        send(res, 400, resultPage(error.message));
        endWaiting(error);
        return;
      }
      state = 'answered';
      held = res;
      resolveAnswer(url.searchParams);
      return;
    }
    const error = new AuthError(
      'duplicate_callback',
      'A second sign-in answer arrived for the same attempt, so the attempt was stopped and nothing was stored. Start the sign-in again from Seatwise.',
    );
    send(res, 400, resultPage(error.message));
    interrupt(error);
  }

  function onAbort(): void {
    const error = new AuthError('cancelled', 'The sign-in was cancelled. Nothing was stored.');
    endWaiting(error);
    interrupt(error);
  }

  if (options.signal?.aborted) throw new AuthError('cancelled', 'The sign-in was cancelled. Nothing was stored.');
  const port = await listen(server, options.port ?? 0);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  timer.id = setTimeout(() => {
    const minutes = Math.round(options.timeoutMs / 60_000);
    const span = minutes >= 1 ? `${minutes} minute${minutes === 1 ? '' : 's'}` : `${Math.round(options.timeoutMs / 1000)} seconds`;
    if (forged > 0) {
      const answers = forged === 1 ? '1 answer' : `${forged} answers`;
      endWaiting(
        new AuthError(
          'state_mismatch',
          `No sign-in answer matching the sign-in Seatwise started arrived within ${span}; ${answers} with the wrong state ${forged === 1 ? 'was' : 'were'} refused. Nothing was stored. Start the sign-in again from Seatwise, and finish it in the browser tab it opens.`,
        ),
      );
      return;
    }
    endWaiting(new AuthError('timeout', `No sign-in answer arrived within ${span}, so the attempt was stopped. Nothing was stored. Start the sign-in again.`, true));
  }, options.timeoutMs);
  timer.id.unref();

  return {
    redirectUri: `http://127.0.0.1:${port}${CALLBACK_PATH}`,
    answer,
    interrupted,
    async finish(error?: AuthError): Promise<void> {
      if (state === 'waiting') endWaiting(error ?? new AuthError('cancelled', 'The sign-in was cancelled. Nothing was stored.'));
      state = 'done';
      if (held && !held.headersSent) send(held, error ? 400 : 200, resultPage(error?.message));
      held = undefined;
      close();
    },
  };
}
