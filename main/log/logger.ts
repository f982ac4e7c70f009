/**
 * The log file: `<data dir>/logs/seatwise.log`, JSON lines (pino), rotated by size at start
 * (five files kept). Every string is redacted before it is written: no secret reaches a log.
 */
import fs from 'node:fs';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import { redact } from '../vault/redact.js';

export const LOG_FILE = 'seatwise.log';
const MAX_BYTES = 5 * 1024 * 1024;
const KEEP = 5;

export const logDir = (dataDir: string): string => path.join(dataDir, 'logs');
export const logPath = (dataDir: string): string => path.join(logDir(dataDir), LOG_FILE);

/** seatwise.log -> .1 -> .2 ... when the current file is over the size bound. */
export function rotate(file: string, maxBytes = MAX_BYTES, keep = KEEP): void {
  const size = fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  if (size < maxBytes) return;
  for (let i = keep - 1; i >= 1; i--) {
    const from = `${file}.${i}`;
    if (fs.existsSync(from)) fs.renameSync(from, `${file}.${i + 1}`);
  }
  fs.renameSync(file, `${file}.1`);
  fs.rmSync(`${file}.${keep + 1}`, { force: true });
}

function redactDeep(value: unknown): unknown {
  if (typeof value === 'string') return redact(value);
  if (value instanceof Error) return { name: value.name, message: redact(value.message) };
  if (Array.isArray(value)) return value.map(redactDeep);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v)]));
  return value;
}

export function createLogger(dataDir: string, level = process.env.SEATWISE_LOG_LEVEL ?? 'info'): Logger {
  fs.mkdirSync(logDir(dataDir), { recursive: true });
  const file = logPath(dataDir);
  rotate(file);
  return pino(
    {
      level,
      base: { pid: process.pid },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map(redactDeep) as Parameters<typeof method>);
        },
      },
    },
    pino.destination({ dest: file, sync: true, mkdir: true }),
  );
}
