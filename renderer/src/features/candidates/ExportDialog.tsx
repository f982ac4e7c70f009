/**
 * Export of candidates to CSV, Excel or JSON through `candidates:export`: the selection, the
 * rows the search and filters show, or every candidate of the list. The dialog says which and
 * how many rows the file gets, and the file holds exactly those. In the browser host the file
 * is a download; in the desktop app main writes it at the path typed (an exports folder in
 * Seatwise's data directory by default), with a progress bar while it does.
 */
import { useId, useState } from 'react';
import { ExportDialog } from '../../components/ExportDialog.js';
import { DialogButton } from '../../components/DialogButton.js';
import { formatNumber, plural } from '../../lib/format.js';
import type { CandidateRow } from './candidate-query.js';
import { useCandidatesStore, type ExportFormat, type ExportRequest } from './store.js';

const FORMATS: Array<{ value: ExportFormat; label: string }> = [
  { value: 'csv', label: 'CSV' },
  { value: 'xlsx', label: 'Excel (XLSX)' },
  { value: 'json', label: 'JSON' },
];

export type ExportScope = 'selected' | 'shown' | 'all';

export interface ExportRows {
  /** The selected rows among those shown. */
  selected: readonly CandidateRow[];
  /** The rows the search and filters show. */
  shown: readonly CandidateRow[];
  /** Every candidate of the list (its scope), whatever the filters. */
  total: number;
}

/** The candidates one choice exports: ids for a part of the list, none for all of it. */
export function exportSelection(scope: ExportScope, rows: ExportRows): Pick<ExportRequest, 'candidateIds'> {
  if (scope === 'selected') return { candidateIds: rows.selected.map((row) => row.id) };
  if (scope === 'shown' && rows.shown.length < rows.total) return { candidateIds: rows.shown.map((row) => row.id) };
  return {};
}

export function ExportButton({ rows }: { rows: ExportRows }) {
  return <DialogButton label="Export…" size="sm" disabled={rows.total === 0} dialog={(close) => <CandidatesExportDialog rows={rows} onClose={close} />} />;
}

function CandidatesExportDialog({ rows, onClose }: { rows: ExportRows; onClose: () => void }) {
  const ids = useId();
  const exportState = useCandidatesStore((state) => state.exportState);
  const exportTo = useCandidatesStore((state) => state.exportTo);
  const resetExport = useCandidatesStore((state) => state.resetExport);
  // The rows as they were when the dialog opened: a sync that reloads the list meanwhile does
  // not change what the person chose.
  const [frozen] = useState(rows);
  const partial = frozen.shown.length < frozen.total;
  const choices: Array<{ scope: ExportScope; count: number; label: string }> = [
    ...(frozen.selected.length > 0 ? [{ scope: 'selected' as const, count: frozen.selected.length, label: `The ${plural(frozen.selected.length, 'selected candidate')}` }] : []),
    ...(partial ? [{ scope: 'shown' as const, count: frozen.shown.length, label: `The ${plural(frozen.shown.length, 'candidate')} shown with the search and filters` }] : []),
    { scope: 'all' as const, count: frozen.total, label: partial ? `Every candidate in this list, any status (${formatNumber(frozen.total)})` : `Every candidate in this list (${formatNumber(frozen.total)})` },
  ];
  const [scope, setScope] = useState<ExportScope>(choices[0]!.scope);
  const chosen = choices.find((choice) => choice.scope === scope) ?? choices[0]!;
  const running = exportState.status === 'running';

  return (
    <ExportDialog
      title="Export candidates"
      description={`The file has one row per candidate: ${plural(chosen.count, 'row')}.`}
      formats={FORMATS}
      stem="seatwise-candidates"
      example="/Users/you/Desktop/candidates.csv"
      state={exportState}
      onReset={resetExport}
      onExport={(format, destination) =>
        void exportTo({ format, ...(destination.kind === 'path' ? { out: destination.out } : {}), ...exportSelection(chosen.scope, frozen) })
      }
      progressLabel="Exporting candidates"
      writing="Writing the file… large lists take a few seconds."
      noun="candidate"
      onClose={onClose}
    >
      {choices.length > 1 ? (
        <fieldset className="modal__scope" disabled={running}>
          <legend className="modal__label">Export</legend>
          {choices.map((choice) => (
            <label key={choice.scope}>
              <input type="radio" name={`${ids}-scope`} value={choice.scope} checked={scope === choice.scope} onChange={() => setScope(choice.scope)} />
              {choice.label}
            </label>
          ))}
        </fieldset>
      ) : null}
    </ExportDialog>
  );
}
