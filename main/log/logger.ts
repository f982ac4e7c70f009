/**
 * The log file: `<data dir>/logs/seatwise.log`, JSON lines (pino), rotated by size at start
 * (five files kept). Every string is redacted before it is written: no secret reaches a log.
 * The folder is 0700 and every log file 0600: lines name people, orgs and what failed.
 */
import fs from 'node:fs';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import { redact } from '../vault/redact.js';
import { mkdirPrivate, octal, PRIVATE_FILE_MODE, tightenTree } from '../store/private-files.js';

export const LOG_FILE = 'seatwise.log';
const MAX_BYTES = 5 * 1024 * 1024;
const KEEP = 5;

export const logDir = (dataDir: string): string => path.join(dataDir, 'logs');
export const logPath = (dataDir: string): string => path.join(logDir(dataDir), LOG_FILE);

/** seatwise.log -> .1 -> .2 ... when the current file is over the size bound. Renames keep each file's mode. */
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

type Level = 'info' | 'warn' | 'error';
interface Note {
  level: Level;
  fields: Record<string, unknown>;
  message: string;
}

// The store opens (and may tighten modes, or find an interrupted job) before the app creates
// its logger: what it has to say waits here, per data folder, and is written when the logger
// for that folder exists. Later notes go straight to it.
const loggers = new Map<string, Logger>();
const pending = new Map<string, Note[]>();

/** Writes a line to the log of `dataDir`, now or as soon as that log is opened. */
export function logNote(dataDir: string, level: Level, fields: Record<string, unknown>, message: string): void {
  const key = path.resolve(dataDir);
  const log = loggers.get(key);
  if (log) log[level](fields, message);
  else pending.set(key, [...(pending.get(key) ?? []), { level, fields, message }]);
}

export function createLogger(dataDir: string, level = process.env.SEATWISE_LOG_LEVEL ?? 'info'): Logger {
  const dir = logDir(dataDir);
  mkdirPrivate(dir);
  // Log files from before modes were set (0644), including the ones rotation keeps.
  const tightened = tightenTree(dir);
  const file = logPath(dataDir);
  rotate(file);
  const destination = pino.destination({ dest: file, sync: true, mkdir: true, mode: PRIVATE_FILE_MODE });
  // A full disk must not turn every log call into a thrown error (sonic-boom emits 'error',
  // which throws without a listener): the line is dropped, and said once on standard error.
  let warned = false;
  destination.on('error', (error: NodeJS.ErrnoException) => {
    if (warned) return;
    warned = true;
    process.stderr.write(`seatwise: could not write the log ${file} (${error.code ?? error.message}); log lines are dropped until it can.\n`);
  });
  const logger = pino(
    {
      level,
      base: { pid: process.pid },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map(redactDeep) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
  if (tightened.length) {
    logger.warn({ folder: dir, files: tightened.map((t) => `${path.basename(t.path)} ${octal(t.from)}`) }, 'Log files were readable by other users; they are now the owner\'s only (folder 0700, files 0600)');
  }
  const key = path.resolve(dataDir);
  loggers.set(key, logger);
  for (const note of pending.get(key) ?? []) logger[note.level](note.fields, note.message);
  pending.delete(key);
  return logger;
}
