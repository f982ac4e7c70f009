/**
 * `POST /rpc/<domain:verb>`: reads a bounded JSON body and hands it to `dispatch`, which
 * validates it against the contract and never throws. The HTTP status says whether the
 * request reached a method (200, with the method's ApiResult) or was refused on the way.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_ERROR_CODES, isMethodName, type SeatwiseService } from '../../preload/contract.js';
import { dispatch, type DispatchOptions } from '../rpc/dispatch.js';
import { sendError, sendJson } from './responses.js';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export interface RpcOptions extends DispatchOptions {
  bodyLimit: number;
}

export async function handleRpc(
  req: IncomingMessage,
  res: ServerResponse,
  encodedName: string,
  service: SeatwiseService,
  options: RpcOptions,
): Promise<void> {
  if (req.method !== 'POST') {
    sendError(res, 405, 'method_not_allowed', 'Use POST for /rpc calls.', { Allow: 'POST' });
    return;
  }
  let name: string;
  try {
    name = decodeURIComponent(encodedName);
  } catch {
    name = '';
  }
  if (!isMethodName(name)) {
    sendError(res, 404, API_ERROR_CODES.unknownMethod, `Unknown method "${name.slice(0, 100)}".`);
    return;
  }
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json') {
    // Also what stops a plain HTML form on another site from posting here without a preflight.
    sendError(res, 415, 'unsupported_media_type', 'Send the input as Content-Type: application/json.');
    return;
  }
  const body = await readBody(req, options.bodyLimit);
  if (body.kind === 'too_large') {
    sendError(res, 413, 'payload_too_large', `The request body is larger than ${options.bodyLimit} bytes.`, { Connection: 'close' });
    return;
  }
  if (body.kind === 'aborted') return;
  let input: unknown;
  try {
    input = body.text.trim() === '' ? {} : JSON.parse(body.text);
  } catch {
    sendError(res, 400, 'invalid_json', 'The request body is not valid JSON.');
    return;
  }
  const result = await dispatch(service, name, input, options);
  // A call the signed-in person's roles do not allow reached no method: 403, as on the way in.
  sendJson(res, !result.ok && result.error.code === API_ERROR_CODES.forbidden && options.caller ? 403 : 200, result);
}

export type Body = { kind: 'ok'; text: string } | { kind: 'too_large' } | { kind: 'aborted' };

/** The request body as text, up to `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Body> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ kind: 'too_large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (body: Body): void => {
      if (done) return;
      done = true;
      req.off('data', onData);
      resolve(body);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        // Stop buffering at once; the 413 goes out and the connection is closed after it.
        req.pause();
        finish({ kind: 'too_large' });
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => finish({ kind: 'ok', text: Buffer.concat(chunks).toString('utf8') }));
    req.once('error', () => finish({ kind: 'aborted' }));
    req.once('close', () => finish({ kind: 'aborted' }));
  });
}
