import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '../../components/Button.js';
import { AlertIcon } from '../../components/icons.js';
import { StatusPill } from '../../components/StatusPill.js';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.js';
import { modelLabel } from './model-label.js';
import { useCatalogStore, type SoftwareModel, type UnrecognizedIdentifier } from './store.js';

type Mode = 'view' | 'map' | 'exclude';

const COLUMNS = 5;
const MAX_REASON = 500;

/**
 * One unrecognized identifier: its seats and state, and the actions that resolve it. "Map to
 * model…" and "Exclude…" open a small form in a row below, so the table keeps its columns.
 */
export function IdentifierRow({ row, models }: { row: UnrecognizedIdentifier; models: SoftwareModel[] }) {
  const [mode, setMode] = useState<Mode>('view');
  const rowState = useCatalogStore((state) => state.rows[row.licenseType]);
  const resolve = useCatalogStore((state) => state.resolve);
  const clearRowError = useCatalogStore((state) => state.clearRowError);
  const actionsRef = useRef<HTMLDivElement>(null);
  const returnFocus = useRef(false);
  const pending = rowState?.pending ?? false;
  const error = rowState?.error ?? null;
  const errorId = useId();

  // Closing a form (saved or cancelled) puts focus back on the row's first action.
  useEffect(() => {
    if (mode !== 'view' || !returnFocus.current) return;
    returnFocus.current = false;
    actionsRef.current?.querySelector('button')?.focus();
  }, [mode, row.resolution]);

  const open = (next: Mode): void => {
    clearRowError(row.licenseType);
    setMode(next);
  };
  const close = (): void => {
    clearRowError(row.licenseType);
    returnFocus.current = true;
    setMode('view');
  };
  const send = async (resolution: Parameters<typeof resolve>[1]): Promise<void> => {
    if (await resolve(row.licenseType, resolution)) {
      returnFocus.current = true;
      setMode('view');
    }
  };

  return (
    <>
      <tr className={mode !== 'view' ? 'is-editing' : undefined}>
        <td className="catalog-table__type">{row.licenseType}</td>
        <td className="num">{formatNumber(row.seats)}</td>
        <td className="nowrap">
          <time dateTime={row.firstSeenAt} title={formatDateTime(row.firstSeenAt)}>
            {formatDate(row.firstSeenAt)}
          </time>
        </td>
        <td>
          <Resolution row={row} />
        </td>
        <td>
          <div className="catalog-actions" ref={actionsRef}>
            {row.resolution ? (
              <Button size="sm" variant="secondary" busy={pending} aria-describedby={error ? errorId : undefined} onClick={() => void send({ kind: 'none' })}>
                Clear
              </Button>
            ) : (
              <>
                <Button
                  size="sm"
                  variant={mode === 'map' ? 'primary' : 'secondary'}
                  aria-expanded={mode === 'map'}
                  disabled={models.length === 0}
                  title={models.length === 0 ? 'This integration has no software model to map onto yet' : undefined}
                  onClick={() => (mode === 'map' ? close() : open('map'))}
                >
                  Map to model…
                </Button>
                <Button size="sm" variant={mode === 'exclude' ? 'primary' : 'secondary'} aria-expanded={mode === 'exclude'} onClick={() => (mode === 'exclude' ? close() : open('exclude'))}>
                  Exclude…
                </Button>
              </>
            )}
          </div>
          {error && mode === 'view' ? <RowError id={errorId} message={error} /> : null}
        </td>
      </tr>
      {mode === 'map' ? (
        <EditorRow>
          <MapForm row={row} models={models} pending={pending} error={error} onCancel={close} onSave={(modelId) => void send({ kind: 'mapped', modelId })} />
        </EditorRow>
      ) : null}
      {mode === 'exclude' ? (
        <EditorRow>
          <ExcludeForm row={row} pending={pending} error={error} onCancel={close} onSave={(reason) => void send({ kind: 'excluded', reason })} />
        </EditorRow>
      ) : null}
    </>
  );
}

function Resolution({ row }: { row: UnrecognizedIdentifier }) {
  const resolution = row.resolution;
  if (!resolution) return <StatusPill tone="warning">Unresolved</StatusPill>;
  if (resolution.kind === 'mapped') {
    return (
      <div className="status-cell">
        <StatusPill tone="success">Mapped</StatusPill>
        <span className="catalog-table__sub">Treated as {resolution.modelLabel}</span>
      </div>
    );
  }
  return (
    <div className="status-cell">
      <StatusPill tone="neutral">Excluded</StatusPill>
      <span className="catalog-table__sub catalog-table__reason">{resolution.reason}</span>
    </div>
  );
}

function RowError({ id, message }: { id: string; message: string }) {
  return (
    <p className="catalog-error" id={id} role="alert">
      <AlertIcon size={14} />
      {message}
    </p>
  );
}

function EditorRow({ children }: { children: ReactNode }) {
  return (
    <tr className="catalog-editor-row">
      <td colSpan={COLUMNS}>{children}</td>
    </tr>
  );
}

function MapForm({
  row,
  models,
  pending,
  error,
  onCancel,
  onSave,
}: {
  row: UnrecognizedIdentifier;
  models: SoftwareModel[];
  pending: boolean;
  error: string | null;
  onCancel: () => void;
  onSave: (modelId: string) => void;
}) {
  // Paid models first: an unknown paid seat is most often a paid seat of a known kind.
  const choices = [...models].sort((a, b) => Number(b.paid) - Number(a.paid) || b.seats - a.seats);
  const [modelId, setModelId] = useState(choices[0]?.id ?? '');
  const selectRef = useRef<HTMLSelectElement>(null);
  const id = useId();
  useEffect(() => {
    selectRef.current?.focus();
  }, []);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (modelId) onSave(modelId);
  };
  return (
    <form className="catalog-editor" aria-label={`Map ${row.licenseType} to a software model`} onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <div className="catalog-editor__field">
        <label className="field__label" htmlFor={`${id}-model`}>
          Treat its {formatNumber(row.seats)} seats as
        </label>
        <select
          id={`${id}-model`}
          ref={selectRef}
          className="input select catalog-editor__control"
          value={modelId}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : `${id}-hint`}
          onChange={(event) => setModelId(event.target.value)}
        >
          {choices.map((model) => (
            <option key={model.id} value={model.id}>
              {modelLabel(model)} {model.paid ? `(${formatNumber(model.seats)} seats)` : '(free)'}
            </option>
          ))}
        </select>
        <p className="field__hint" id={`${id}-hint`}>
          Its seats get a copy of the model’s reclamation rule.
        </p>
      </div>
      <div className="catalog-editor__buttons">
        <Button type="submit" variant="primary" size="sm" busy={pending}>
          Save
        </Button>
        <Button size="sm" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
      {error ? <RowError id={`${id}-error`} message={error} /> : null}
    </form>
  );
}

function ExcludeForm({
  row,
  pending,
  error,
  onCancel,
  onSave,
}: {
  row: UnrecognizedIdentifier;
  pending: boolean;
  error: string | null;
  onCancel: () => void;
  onSave: (reason: string) => void;
}) {
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  useEffect(() => {
    inputRef.current?.focus();
  }, []);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      inputRef.current?.focus();
      return;
    }
    onSave(reason.trim());
  };
  const shown = missing ? 'Give a reason: it is kept with the exclusion and in the audit log.' : error;
  return (
    <form className="catalog-editor" aria-label={`Exclude ${row.licenseType}`} noValidate onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <div className="catalog-editor__field catalog-editor__field--wide">
        <label className="field__label" htmlFor={`${id}-reason`}>
          Why are these seats never reclaimed?
        </label>
        <input
          id={`${id}-reason`}
          ref={inputRef}
          className="input catalog-editor__control"
          value={reason}
          maxLength={MAX_REASON}
          placeholder="e.g. Billed separately by finance"
          aria-invalid={shown ? true : undefined}
          aria-describedby={shown ? `${id}-error` : `${id}-hint`}
          onChange={(event) => {
            setReason(event.target.value);
            if (event.target.value.trim()) setMissing(false);
          }}
        />
        <p className="field__hint" id={`${id}-hint`}>
          Adds an exclusion of {row.licenseType} to this integration; Clear removes it again.
        </p>
      </div>
      <div className="catalog-editor__buttons">
        <Button type="submit" variant="primary" size="sm" busy={pending}>
          Exclude
        </Button>
        <Button size="sm" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
      {shown ? <RowError id={`${id}-error`} message={shown} /> : null}
    </form>
  );
}
