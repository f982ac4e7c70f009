/**
 * `POST /download/<method>`: an export, handed to the browser as a download. The page sends
 * the export method's input without `out`; the host has the service write the file into a
 * private temporary folder of its own (0700, a name the page never sees), streams it back
 * with `Content-Disposition: attachment`, and removes the folder. So a page served by the
 * host never chooses a path on this machine for main to write to, and the person finds the
 * file where their browser puts downloads.
 *
 * The same contract methods as everywhere (validated by dispatch, the same rows, the same
 * neutralised cells): only where the file ends up differs.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { API_ERROR_CODES, type ApiResult, type SeatwiseService } from '../../preload/contract.js';
import { dispatch } from '../rpc/dispatch.js';
import { sendError, sendJson } from './responses.js';
import { readBody, type RpcOptions } from './rpc.js';

/** The methods that write a file, and the start of the name the download gets. */
export const DOWNLOAD_METHODS: Readonly<Record<string, string>> = {
  'candidates:export': 'seatwise-candidates',
  'notices:export': 'seatwise-notices',
  'audit:export': 'seatwise-audit',
};

export function isDownloadMethod(name: string): boolean {
  return Object.hasOwn(DOWNLOAD_METHODS, name);
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Downloads carry whole selections (100,000 candidate ids are about 2 MB of JSON). */
export const DOWNLOAD_BODY_LIMIT = 8 * 1024 * 1024;

export interface DownloadOptions extends RpcOptions {
  now?: () => Date;
}

/** `seatwise-candidates-2026-01-31.csv`: the same name the CLI and the desktop dialog propose. */
export function downloadName(method: string, format: string, now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  return `${DOWNLOAD_METHODS[method] ?? 'seatwise-export'}-${day}.${format}`;
}

function statusOf(result: ApiResult<unknown>): number {
  if (result.ok) return 200;
  if (result.error.code === API_ERROR_CODES.invalidInput) return 400;
  if (result.error.code === API_ERROR_CODES.notFound) return 404;
  if (result.error.code === API_ERROR_CODES.internal) return 500;
  return 422;
}

export async function handleDownload(req: IncomingMessage, res: ServerResponse, encodedName: string, service: SeatwiseService, options: DownloadOptions): Promise<void> {
  if (req.method !== 'POST') {
    sendError(res, 405, 'method_not_allowed', 'Use POST for /download calls.', { Allow: 'POST' });
    return;
  }
  let name: string;
  try {
    name = decodeURIComponent(encodedName);
  } catch {
    name = '';
  }
  if (!isDownloadMethod(name)) {
    sendError(res, 404, API_ERROR_CODES.unknownMethod, `"${name.slice(0, 100)}" is not an export.`);
    return;
  }
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json') {
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
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    sendError(res, 400, API_ERROR_CODES.invalidInput, 'The input must be an object.');
    return;
  }
  if ('out' in input) {
    sendError(res, 400, API_ERROR_CODES.invalidInput, 'A download has no path: the browser saves the file. Leave out "out".');
    return;
  }
  const format = (input as { format?: unknown }).format;
  if (typeof format !== 'string' || !Object.hasOwn(MIME_TYPES, format)) {
    sendError(res, 400, API_ERROR_CODES.invalidInput, 'format: choose one of the export formats.');
    return;
  }

  const filename = downloadName(name, format, (options.now ?? (() => new Date()))());
  // mkdtemp makes the folder 0700: nobody else on the machine reads the export meanwhile.
  const folder = await mkdtemp(path.join(os.tmpdir(), 'seatwise-download-'));
  try {
    const file = path.join(folder, filename);
    const result = await dispatch(service, name, { ...input, out: file }, options);
    if (!result.ok) {
      sendJson(res, statusOf(result), result);
      return;
    }
    const rows = (result.value as { rows?: unknown }).rows;
    const size = (await stat(file)).size;
    res.writeHead(200, {
      'Content-Type': MIME_TYPES[format]!,
      'Content-Length': size,
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
      ...(typeof rows === 'number' ? { 'X-Seatwise-Rows': String(rows) } : {}),
    });
    await pipeline(createReadStream(file), res);
  } finally {
    await rm(folder, { recursive: true, force: true }).catch(() => undefined);
  }
}
