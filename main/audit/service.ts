/** The audit trail: newest first, and its export for the auditors. */
import type { AuditEventView } from '../../preload/contract.js';
import type { DataStore } from '../store/data-store.js';
import { exportAudit, profileNamesOf, type AuditExportInput } from './export.js';

export class AuditService {
  constructor(private readonly store: DataStore) {}

  async list(limit?: number): Promise<AuditEventView[]> {
    const events = await this.store.audit.read();
    events.reverse();
    return limit ? events.slice(0, limit) : events;
  }

  async export(input: AuditExportInput): Promise<{ path: string; rows: number }> {
    return exportAudit({ events: await this.list(), profileNames: profileNamesOf(this.store.root.profiles), dataDir: this.store.dataDir }, input);
  }
}
