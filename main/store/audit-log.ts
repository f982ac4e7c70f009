import fs from 'node:fs';
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { redact } from '../vault/redact.js';

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

/**
 * Append-only audit trail, one JSON object a line. Lines are only ever appended (O_APPEND),
 * never rewritten; a torn last line from a crash is skipped when reading.
 */
export class AuditLog {
  private checkedTail = false;

  constructor(readonly path: string) {}

  async append(event: Omit<AuditEvent, 'id' | 'at' | 'actor'> & { actor?: string }): Promise<AuditEvent> {
    const full: AuditEvent = { id: randomUUID(), at: new Date().toISOString(), actor: event.actor ?? osUser(), ...event };
    // After a crash mid-append the file may end without a newline: start on a fresh line
    // so the torn fragment does not swallow this event too.
    const lead = this.checkedTail ? '' : await this.separatorAfterTornTail();
    this.checkedTail = true;
    await fs.promises.appendFile(this.path, lead + redact(JSON.stringify(full)) + '\n', { encoding: 'utf8', flag: 'a' });
    return full;
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
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        events.push(JSON.parse(line) as AuditEvent);
      } catch {
        // A line torn by a crash mid-append: the rest of the log is still good.
      }
    }
    return events;
  }
}

function osUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}
