/**
 * Export of the audit log to CSV or JSON through `audit:export`, the candidates export's
 * pattern: the browser host has no file dialog, so a small dialog asks for an absolute path
 * (an exports folder in Seatwise's data directory by default) and says where the file went.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
// The dialog's look (backdrop, chips, actions) is the candidates export's.
import '../candidates/candidates.css';
import { api } from '../../api.js';
import { Button } from '../../components/Button.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { plural } from '../../lib/format.js';
import { useAuditStore, type AuditExportFormat } from './store.js';

const FORMATS: Array<{ value: AuditExportFormat; label: string }> = [
  { value: 'csv', label: 'CSV' },
  { value: 'json', label: 'JSON' },
];

export function defaultAuditExportPath(dataDir: string | null, format: AuditExportFormat, today: string = new Date().toISOString().slice(0, 10)): string {
  const windows = dataDir ? /^[A-Za-z]:\\/.test(dataDir) || dataDir.includes('\\') : false;
  const sep = windows ? '\\' : '/';
  const base = dataDir ? dataDir.replace(/[\\/]+$/, '') : '/tmp';
  return `${base}${sep}exports${sep}seatwise-audit-${today}.${format}`;
}

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

export function AuditExportButton({ total }: { total: number }) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  return (
    <>
      <Button ref={buttonRef} onClick={() => setOpen(true)} disabled={total === 0} aria-haspopup="dialog">
        Export…
      </Button>
      {open ? (
        <AuditExportDialog
          total={total}
          onClose={() => {
            setOpen(false);
            buttonRef.current?.focus();
          }}
        />
      ) : null}
    </>
  );
}

function AuditExportDialog({ total, onClose }: { total: number; onClose: () => void }) {
  const ids = useId();
  const exportState = useAuditStore((state) => state.exportState);
  const exportTo = useAuditStore((state) => state.exportTo);
  const resetExport = useAuditStore((state) => state.resetExport);
  const [format, setFormat] = useState<AuditExportFormat>('csv');
  const [dataDir, setDataDir] = useState<string | null>(null);
  // null until the person edits it: the default then follows the format and the data directory.
  const [customPath, setCustomPath] = useState<string | null>(null);
  const path = customPath ?? defaultAuditExportPath(dataDir, format);
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

  const chooseFormat = (next: AuditExportFormat) => {
    setFormat(next);
    setCustomPath((current) => (current === null ? null : current.replace(/\.(csv|json)$/i, `.${next}`)));
  };

  const running = exportState.status === 'running';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const out = path.trim();
    if (!isAbsolute(out)) {
      setInvalid('Enter a full path, such as /Users/you/Desktop/audit.csv.');
      pathRef.current?.focus();
      return;
    }
    setInvalid(null);
    void exportTo({ format, out });
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
            Export the audit log
          </h2>
          <p id={`${ids}-desc`} className="modal__body">
            Exports all {plural(total, 'event')}, newest first, whatever the filters. CSV opens in a spreadsheet (before and after as JSON text); JSON keeps every field as it was recorded.
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
                <ProgressBar fraction={null} label="Exporting the audit log" size="regular" />
                <p className="muted">Writing the file…</p>
              </>
            ) : exportState.status === 'done' ? (
              <p className="modal__done">
                Saved {plural(exportState.rows ?? 0, 'event')} to <code className="mono-value">{exportState.path}</code>
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
