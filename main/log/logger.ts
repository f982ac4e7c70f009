/**
 * The log file: `<data dir>/logs/seatwise.log`, JSON lines (pino), rotated by size at start
 * (five files kept). Every string is redacted before it is written: no secret reaches a log.
 * The folder is 0700 and every log file 0600: lines name people, orgs and what failed.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Pino from 'pino';
import { redact } from '../vault/redact.js';
import { mkdirPrivate, octal, PRIVATE_FILE_MODE, tightenTree } from '../store/private-files.js';

export const LOG_FILE = 'seatwise.log';

// pino (CommonJS, with its own dependencies) is required at the first line a log writes, not
// when the log is made: a command that writes none (help, profiles list) starts that much sooner.
const requirePino = (): typeof Pino.default => createRequire(import.meta.url)('pino') as typeof Pino.default;
const MAX_BYTES = 5 * 1024 * 1024;
const KEEP = 5;

/** pino's levels, quietest last: what SEATWISE_LOG_LEVEL may name. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class LogLevelError extends Error {
  override readonly name = 'LogLevelError';
  constructor(readonly value: string) {
    super(`SEATWISE_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${value}".`);
  }
}

/**
 * The level SEATWISE_LOG_LEVEL asks for (info when unset or empty). An unknown name is an
 * error that names the variable and the allowed values: pino's own words name neither.
 */
export function logLevelFromEnv(env: NodeJS.ProcessEnv = process.env): LogLevel {
  const raw = env.SEATWISE_LOG_LEVEL?.trim();
  if (!raw) return 'info';
  const level = LOG_LEVELS.find((l) => l === raw.toLowerCase());
  if (!level) throw new LogLevelError(raw);
  return level;
}

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

/** What the app writes to its log: pino's call shapes, at pino's levels. */
export interface LogFn {
  (fields: object, message?: string): void;
  (message: string): void;
}
export interface Log {
  readonly trace: LogFn;
  readonly debug: LogFn;
  readonly info: LogFn;
  readonly warn: LogFn;
  readonly error: LogFn;
  readonly fatal: LogFn;
}
const WRITTEN_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
interface Note {
  level: Level;
  fields: Record<string, unknown>;
  message: string;
}

// The store opens (and may tighten modes, or find an interrupted job) before the app creates
// its logger: what it has to say waits here, per data folder, and is written when the logger
// for that folder exists. Later notes go straight to it.
const loggers = new Map<string, Log>();
const pending = new Map<string, Note[]>();

// A warning in the log file alone is one nobody at a terminal sees (a torn audit line that was
// skipped, a job found interrupted): a front door that has a person in front of it listens here.
type WarningListener = (message: string, fields: Record<string, unknown>) => void;
const warningListeners = new Map<string, Set<WarningListener>>();

/** Calls `listener` with the message of every warning (and worse) written to the log of `dataDir`. */
export function onLogWarning(dataDir: string, listener: WarningListener): () => void {
  const key = path.resolve(dataDir);
  const set = warningListeners.get(key) ?? new Set<WarningListener>();
  set.add(listener);
  warningListeners.set(key, set);
  return () => void set.delete(listener);
}

const WARN_LEVEL = 40;
const ERROR_LEVEL = 50;

/** Writes a line to the log of `dataDir`, now or as soon as that log is opened. */
export function logNote(dataDir: string, level: Level, fields: Record<string, unknown>, message: string): void {
  const key = path.resolve(dataDir);
  const log = loggers.get(key);
  if (log) log[level](fields, message);
  else pending.set(key, [...(pending.get(key) ?? []), { level, fields, message }]);
}

export interface LogOptions {
  /**
   * The line a process introduces itself with (version, front door), at info. It is written
   * just before the process's first other line, with the time it started: a command that
   * writes nothing else (`profiles list`) leaves the log as it was, and does not load pino.
   */
  introduction?: { fields: Record<string, unknown>; message: string; startedAt: Date };
}

/**
 * The log of `dataDir`. Its folder and files are made private and rotated now; pino and the
 * file are opened at the first line written at an enabled level.
 */
export function createLogger(dataDir: string, level: string = logLevelFromEnv(), options: LogOptions = {}): Log {
  const key = path.resolve(dataDir);
  const dir = logDir(dataDir);
  mkdirPrivate(dir);
  // Log files from before modes were set (0644), including the ones rotation keeps.
  const tightened = tightenTree(dir);
  const file = logPath(dataDir);
  rotate(file);
  const threshold = LOG_LEVELS.indexOf(level as LogLevel);
  if (threshold < 0) throw new LogLevelError(level);
  let pinoLogger: Pino.Logger | undefined;
  const open = (): Pino.Logger => {
    if (pinoLogger) return pinoLogger;
    pinoLogger = openPino(key, file, level);
    const intro = options.introduction;
    if (intro) pinoLogger.info({ ...intro.fields, startedAt: intro.startedAt.toISOString() }, intro.message);
    return pinoLogger;
  };
  const write = (name: (typeof WRITTEN_LEVELS)[number], index: number): LogFn =>
    ((...args: [object, string?] | [string]) => {
      if (index < threshold) return;
      (open()[name] as (...a: unknown[]) => void)(...args);
    }) as LogFn;
  const logger: Log = Object.fromEntries(WRITTEN_LEVELS.map((name, index) => [name, write(name, index)])) as unknown as Log;
  if (tightened.length) {
    logger.warn({ folder: dir, files: tightened.map((t) => `${path.basename(t.path)} ${octal(t.from)}`) }, 'Log files were readable by other users; they are now the owner\'s only (folder 0700, files 0600)');
  }
  loggers.set(key, logger);
  for (const note of pending.get(key) ?? []) logger[note.level](note.fields, note.message);
  pending.delete(key);
  return logger;
}

function openPino(key: string, file: string, level: string): Pino.Logger {
  const pino = requirePino();
  const destination = pino.destination({ dest: file, sync: true, mkdir: true, mode: PRIVATE_FILE_MODE });
  // A full disk must not turn every log call into a thrown error (sonic-boom emits 'error',
  // which throws without a listener): the line is dropped, and said once on standard error.
  let warned = false;
  destination.on('error', (error: NodeJS.ErrnoException) => {
    if (warned) return;
    warned = true;
    process.stderr.write(`seatwise: could not write the log ${file} (${error.code ?? error.message}); log lines are dropped until it can.\n`);
  });
  return pino(
    {
      level,
      base: { pid: process.pid },
      hooks: {
        logMethod(args, method, levelValue) {
          const redacted = args.map(redactDeep) as Parameters<typeof method>;
          method.apply(this, redacted);
          // Errors are told by whoever raised them; warnings would otherwise stay in the file.
          if (levelValue >= WARN_LEVEL && levelValue < ERROR_LEVEL) {
            const message = redacted.find((a): a is string => typeof a === 'string');
            const fields = (redacted.find((a) => typeof a === 'object' && a !== null) ?? {}) as Record<string, unknown>;
            if (message) for (const listener of warningListeners.get(key) ?? []) listener(message, fields);
          }
        },
      },
    },
    destination,
  );
}
