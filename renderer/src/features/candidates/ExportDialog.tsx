/**
 * Export of candidates to CSV, Excel or JSON through `candidates:export`. The browser host has
 * no file dialog, so a small dialog asks for the absolute path (defaulting to an exports folder
 * in Seatwise's data directory) and shows a progress bar while main writes the file.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Button } from '../../components/Button.js';
import { ExportTargetFields, useExportTarget } from '../../components/ExportTarget.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { plural } from '../../lib/format.js';
import type { CandidateStatusName, StatusFilter } from './candidate-query.js';
import { useCandidatesStore, type ExportFormat } from './store.js';

const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'xlsx', 'json'];
const FORMATS: Array<{ value: ExportFormat; label: string }> = [
  { value: 'csv', label: 'CSV' },
  { value: 'xlsx', label: 'Excel (XLSX)' },
  { value: 'json', label: 'JSON' },
];

export function ExportButton({ statusFilter, shownCount, totalCount }: { statusFilter: StatusFilter; shownCount: number; totalCount: number }) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  return (
    <>
      <Button ref={buttonRef} size="sm" onClick={() => setOpen(true)} disabled={totalCount === 0} aria-haspopup="dialog">
        Export…
      </Button>
      {open ? (
        <ExportDialog
          statusFilter={statusFilter}
          shownCount={shownCount}
          onClose={() => {
            setOpen(false);
            buttonRef.current?.focus();
          }}
        />
      ) : null}
    </>
  );
}

function ExportDialog({ statusFilter, shownCount, onClose }: { statusFilter: StatusFilter; shownCount: number; onClose: () => void }) {
  const ids = useId();
  const exportState = useCandidatesStore((state) => state.exportState);
  const exportTo = useCandidatesStore((state) => state.exportTo);
  const resetExport = useCandidatesStore((state) => state.resetExport);
  const pathRef = useRef<HTMLInputElement>(null);
  const target = useExportTarget<ExportFormat>({ formats: EXPORT_FORMATS, initial: 'csv', stem: 'seatwise-candidates', example: '/Users/you/Desktop/candidates.csv' }, pathRef);

  useEffect(() => {
    resetExport();
  }, [resetExport]);

  const single: CandidateStatusName | undefined = statusFilter === 'all' || statusFilter === 'actionable' ? undefined : statusFilter;
  const running = exportState.status === 'running';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const out = target.validate();
    if (out !== null) void exportTo({ format: target.format, out, ...(single ? { status: single } : {}) });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape' && !running) {
      event.stopPropagation();
      onClose();
    }
  };

  return (
    <div className="modal-backdrop" onKeyDown={onKeyDown}>
      <div className="card modal" role="dialog" aria-modal="true" aria-labelledby={`${ids}-title`} aria-describedby={`${ids}-desc`}>
        <form onSubmit={submit}>
          <h2 id={`${ids}-title`} className="modal__title">
            Export candidates
          </h2>
          <p id={`${ids}-desc`} className="modal__body">
            {single
              ? `Exports every candidate with the status “${single}”, whatever the search and other filters.`
              : `Exports every candidate in this list, whatever the filters (${plural(shownCount, 'row')} shown now). Pick a single status to narrow it.`}
          </p>
          <ExportTargetFields id={ids} target={target} pathRef={pathRef} options={FORMATS} disabled={running} />
          <div className="modal__status" aria-live="polite">
            {running ? (
              <>
                <ProgressBar fraction={null} label="Exporting candidates" size="regular" />
                <p className="muted">Writing the file… large lists take a few seconds.</p>
              </>
            ) : exportState.status === 'done' ? (
              <p className="modal__done">
                Saved {plural(exportState.rows ?? 0, 'candidate')} to <code className="mono-value">{exportState.path}</code>
              </p>
            ) : exportState.status === 'error' ? (
              <p className="field-error" role="alert">
                The export failed: {exportState.error}
              </p>
            ) : null}
          </div>
          <div className="modal__actions">
            <Button onClick={onClose} disabled={running}>
              {exportState.status === 'done' ? 'Close' : 'Cancel'}
            </Button>
            {exportState.status === 'done' ? null : (
              <Button type="submit" variant="primary" busy={running}>
                Export
              </Button>
            )}
          </div>
        </form>
      </div>
    </div>
  );
}
