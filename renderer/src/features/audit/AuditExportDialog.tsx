/**
 * Export of the audit log to CSV or JSON through `audit:export`, in the candidates export's
 * dialog: a download in the browser host; in the desktop app an absolute path (an exports
 * folder in Seatwise's data directory by default). It says where the file went.
 */
// The dialog's look (backdrop, chips, actions) is the candidates export's.
import '../candidates/candidates.css';
import { ExportDialog } from '../../components/ExportDialog.js';
import { DialogButton } from '../../components/DialogButton.js';
import { plural } from '../../lib/format.js';
import { useAuditStore, type AuditExportFormat } from './store.js';

const FORMATS: Array<{ value: AuditExportFormat; label: string }> = [
  { value: 'csv', label: 'CSV' },
  { value: 'json', label: 'JSON' },
];

export function AuditExportButton({ total }: { total: number }) {
  return <DialogButton label="Export…" disabled={total === 0} dialog={(close) => <AuditExportDialog total={total} onClose={close} />} />;
}

function AuditExportDialog({ total, onClose }: { total: number; onClose: () => void }) {
  const exportState = useAuditStore((state) => state.exportState);
  const exportTo = useAuditStore((state) => state.exportTo);
  const resetExport = useAuditStore((state) => state.resetExport);

  return (
    <ExportDialog
      title="Export the audit log"
      description={`Exports all ${plural(total, 'event')}, newest first, whatever the filters. CSV opens in a spreadsheet (before and after as JSON text); JSON keeps every field as it was recorded.`}
      formats={FORMATS}
      stem="seatwise-audit"
      example="/Users/you/Desktop/audit.csv"
      state={exportState}
      onReset={resetExport}
      onExport={(format, destination) => void exportTo({ format, ...(destination.kind === 'path' ? { out: destination.out } : {}) })}
      progressLabel="Exporting the audit log"
      writing="Writing the file…"
      noun="event"
      onClose={onClose}
    />
  );
}
