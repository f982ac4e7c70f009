/**
 * Export of candidates to CSV, Excel or JSON through `candidates:export`. The browser host has
 * no file dialog, so a small dialog asks for the absolute path (defaulting to an exports folder
 * in Seatwise's data directory) and shows a progress bar while main writes the file.
 */
import { ExportDialog } from '../../components/ExportDialog.js';
import { DialogButton } from '../../components/DialogButton.js';
import { plural } from '../../lib/format.js';
import type { CandidateStatusName, StatusFilter } from './candidate-query.js';
import { useCandidatesStore, type ExportFormat } from './store.js';

const FORMATS: Array<{ value: ExportFormat; label: string }> = [
  { value: 'csv', label: 'CSV' },
  { value: 'xlsx', label: 'Excel (XLSX)' },
  { value: 'json', label: 'JSON' },
];

export function ExportButton({ statusFilter, shownCount, totalCount }: { statusFilter: StatusFilter; shownCount: number; totalCount: number }) {
  return (
    <DialogButton
      label="Export…"
      size="sm"
      disabled={totalCount === 0}
      dialog={(close) => <CandidatesExportDialog statusFilter={statusFilter} shownCount={shownCount} onClose={close} />}
    />
  );
}

function CandidatesExportDialog({ statusFilter, shownCount, onClose }: { statusFilter: StatusFilter; shownCount: number; onClose: () => void }) {
  const exportState = useCandidatesStore((state) => state.exportState);
  const exportTo = useCandidatesStore((state) => state.exportTo);
  const resetExport = useCandidatesStore((state) => state.resetExport);
  const single: CandidateStatusName | undefined = statusFilter === 'all' || statusFilter === 'actionable' ? undefined : statusFilter;

  return (
    <ExportDialog
      title="Export candidates"
      description={
        single
          ? `Exports every candidate with the status “${single}”, whatever the search and other filters.`
          : `Exports every candidate in this list, whatever the filters (${plural(shownCount, 'row')} shown now). Pick a single status to narrow it.`
      }
      formats={FORMATS}
      stem="seatwise-candidates"
      example="/Users/you/Desktop/candidates.csv"
      state={exportState}
      onReset={resetExport}
      onExport={(format, out) => void exportTo({ format, out, ...(single ? { status: single } : {}) })}
      progressLabel="Exporting candidates"
      writing="Writing the file… large lists take a few seconds."
      noun="candidate"
      onClose={onClose}
    />
  );
}
