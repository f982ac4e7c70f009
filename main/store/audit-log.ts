import fs from 'node:fs';
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { redact } from '../vault/redact.js';
import { auditEventSchema, recordCheck } from './data-schemas.js';
import { StoreCorruptError } from './errors.js';
import { PRIVATE_FILE_MODE } from './private-files.js';
import type { AuditTrail } from './data-store.js';
import { currentActor } from './actor.js';

export interface AuditEvent {
  id: string;
  at: string;
  /** The OS user who made the change. */
  actor: string;
  action: string;
  profileId?: string;
  target?: string;
  before?: unknown;
  after?: unknown;
  message?: string;
}

const checkEvent = recordCheck(auditEventSchema);

/**
 * A line a crash cut short mid-append: the start of a JSON object that only lacks its end
 * (an open string, object or list when the line stops). A line that closes its object and
 * still does not parse, or that is not an object, was damaged some other way.
 */
export function isTornLine(line: string): boolean {
  if (!line.startsWith('{')) return false;
  const closers: string[] = [];
  let inString = false;
  let escaped = false;
  for (const ch of line) {
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{') closers.push('}');
    else if (ch === '[') closers.push(']');
    else if (ch === '}' || ch === ']') {
      if (closers.pop() !== ch || closers.length === 0) return false;
    }
  }
  return inString || closers.length > 0;
}

/**
 * Append-only audit trail, one JSON object a line. Lines are only ever appended (O_APPEND),
 * never rewritten. Reading checks every line: a line torn by a crash mid-append is skipped
 * and said in the log; any other line that is not an audit event stops the read with its
 * line number, and the file is left as it is.
 */
export class AuditLog implements AuditTrail {
  private checkedTail = false;
  private readonly reportedTorn = new Set<number>();

  constructor(
    readonly path: string,
    private readonly warn: (fields: Record<string, unknown>, message: string) => void = () => undefined,
  ) {}

  async append(event: Omit<AuditEvent, 'id' | 'at' | 'actor'> & { actor?: string }): Promise<AuditEvent> {
    const full: AuditEvent = { id: randomUUID(), at: new Date().toISOString(), actor: event.actor ?? currentActor() ?? osUser(), ...event };
    await this.appendAsRecorded(full);
    return full;
  }

  async appendAsRecorded(event: AuditEvent): Promise<void> {
    // After a crash mid-append the file may end without a newline: start on a fresh line
    // so the torn fragment does not swallow this event too.
    const lead = this.checkedTail ? '' : await this.separatorAfterTornTail();
    this.checkedTail = true;
    // The mode applies when the append creates the file; an older, wider file is tightened at open.
    await fs.promises.appendFile(this.path, lead + redact(JSON.stringify(event)) + '\n', { encoding: 'utf8', flag: 'a', mode: PRIVATE_FILE_MODE });
  }

  private async separatorAfterTornTail(): Promise<string> {
    let handle: fs.promises.FileHandle | undefined;
    try {
      handle = await fs.promises.open(this.path, 'r');
      const { size } = await handle.stat();
      if (size === 0) return '';
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      return last[0] === 0x0a ? '' : '\n';
    } catch {
      return '';
    } finally {
      await handle?.close();
    }
  }

  async read(): Promise<AuditEvent[]> {
    let text: string;
    try {
      text = await fs.promises.readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const events: AuditEvent[] = [];
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (!line.trim()) continue;
      const number = i + 1;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        if (isTornLine(line)) {
          this.reportTorn(number);
          continue;
        }
        throw new StoreCorruptError(this.path, `line ${number} is not valid JSON (${(error as Error).message})`);
      }
      const problem = checkEvent(value, []);
      if (problem) throw new StoreCorruptError(this.path, `line ${number} is not an audit event: ${problem}`);
      events.push(value as AuditEvent);
    }
    return events;
  }

  private reportTorn(line: number): void {
    if (this.reportedTorn.has(line)) return;
    this.reportedTorn.add(line);
    this.warn({ file: this.path, line }, `audit.jsonl line ${line} was cut short by a crash while it was written; the events around it are read, that one is lost`);
  }
}

/** Who made a change on a single-user install: the OS account. */
export function osUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}
