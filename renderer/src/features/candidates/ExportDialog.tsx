/**
 * Export of candidates to CSV, Excel or JSON through `candidates:export`. The browser host has
 * no file dialog, so a small dialog asks for the absolute path (defaulting to an exports folder
 * in Seatwise's data directory) and shows a progress bar while main writes the file.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { api } from '../../api.js';
import { Button } from '../../components/Button.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { plural } from '../../lib/format.js';
import type { CandidateStatusName, StatusFilter } from './candidate-query.js';
import { useCandidatesStore, type ExportFormat } from './store.js';

const FORMATS: Array<{ value: ExportFormat; label: string }> = [
  { value: 'csv', label: 'CSV' },
  { value: 'xlsx', label: 'Excel (XLSX)' },
  { value: 'json', label: 'JSON' },
];

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function defaultExportPath(dataDir: string | null, format: ExportFormat): string {
  const windows = dataDir ? /^[A-Za-z]:\\/.test(dataDir) || dataDir.includes('\\') : false;
  const sep = windows ? '\\' : '/';
  const base = dataDir ? dataDir.replace(/[\\/]+$/, '') : '/tmp';
  return `${base}${sep}exports${sep}seatwise-candidates-${today()}.${format}`;
}

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

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
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [dataDir, setDataDir] = useState<string | null>(null);
  // null until the person edits it: the default then follows the format and the data directory.
  const [customPath, setCustomPath] = useState<string | null>(null);
  const path = customPath ?? defaultExportPath(dataDir, format);
  const [invalid, setInvalid] = useState<string | null>(null);
  const pathRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    resetExport();
    pathRef.current?.focus();
    let live = true;
    api.call('app:info', {}).then(
      (info) => {
        if (live) setDataDir(info.dataDir);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [resetExport]);

  const chooseFormat = (next: ExportFormat) => {
    setFormat(next);
    setCustomPath((current) => (current === null ? null : current.replace(/\.(csv|xlsx|json)$/i, `.${next}`)));
  };

  const single: CandidateStatusName | undefined = statusFilter === 'all' || statusFilter === 'actionable' ? undefined : statusFilter;
  const running = exportState.status === 'running';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const out = path.trim();
    if (!isAbsolute(out)) {
      setInvalid('Enter a full path, such as /Users/you/Desktop/candidates.csv.');
      pathRef.current?.focus();
      return;
    }
    setInvalid(null);
    void exportTo({ format, out, ...(single ? { status: single } : {}) });
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
          <fieldset className="modal__formats" disabled={running}>
            <legend>Format</legend>
            {FORMATS.map((option) => (
              <label key={option.value} className="radio-chip">
                <input type="radio" name={`${ids}-format`} value={option.value} checked={format === option.value} onChange={() => chooseFormat(option.value)} />
                {option.label}
              </label>
            ))}
          </fieldset>
          <label htmlFor={`${ids}-path`} className="modal__label">
            Save to
          </label>
          <input
            id={`${ids}-path`}
            ref={pathRef}
            className="input modal__path"
            value={path}
            spellCheck={false}
            disabled={running}
            aria-invalid={invalid ? true : undefined}
            aria-describedby={invalid ? `${ids}-invalid` : undefined}
            onChange={(event) => setCustomPath(event.target.value)}
          />
          {invalid ? (
            <p id={`${ids}-invalid`} className="field-error" role="alert">
              {invalid}
            </p>
          ) : null}
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
