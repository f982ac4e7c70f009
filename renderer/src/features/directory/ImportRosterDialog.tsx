/**
 * "Import HR roster…": a name and a CSV file, read in the renderer and sent as text to
 * `directory:import`. Main checks every line and loads all of it or nothing; its refusal
 * (naming the lines at fault) shows in the dialog, which keeps the name and the file chosen.
 * Success closes the dialog; the store refreshes the directory.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { errorMessage } from '../../api.js';
import { Button, type ButtonVariant } from '../../components/Button.js';
import { Field } from '../../components/Field.js';
import { Modal } from '../../components/Modal.js';
import { Banner } from '../../components/States.js';
import { MAX_ROSTER_BYTES, useDirectoryStore } from './store.js';

export const DEFAULT_ROSTER_NAME = 'HR roster';
/** The contract's bound on a source's name. */
const MAX_NAME = 100;

/** A File's text: `file.text()` where the browser has it, FileReader otherwise. */
export function readFileText(file: File): Promise<string> {
  if (typeof file.text === 'function') return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsText(file);
  });
}

interface ImportErrors {
  name?: string;
  file?: string;
}

/** The button that opens the dialog; closing it gives the focus back to the button. */
export function ImportRosterButton({ variant = 'secondary', children = 'Import HR roster…' }: { variant?: ButtonVariant; children?: ReactNode }) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  return (
    <>
      <Button ref={buttonRef} variant={variant} onClick={() => setOpen(true)} aria-haspopup="dialog">
        {children}
      </Button>
      {open ? <ImportRosterDialog onClose={close} /> : null}
    </>
  );
}

export function ImportRosterDialog({ onClose }: { onClose: () => void }) {
  const ids = useId();
  const importRoster = useDirectoryStore((state) => state.importRoster);
  const [name, setName] = useState(DEFAULT_ROSTER_NAME);
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<ImportErrors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    nameRef.current?.focus();
    nameRef.current?.select();
  }, []);

  function validate(): ImportErrors {
    const found: ImportErrors = {};
    const trimmed = name.trim();
    if (trimmed === '') found.name = 'Give the roster a name, such as HR roster.';
    else if (trimmed.length > MAX_NAME) found.name = `Keep the name to ${MAX_NAME} characters (it has ${trimmed.length}).`;
    if (!file) found.file = 'Choose the roster’s CSV file.';
    else if (file.size > MAX_ROSTER_BYTES) found.file = `${file.name} is larger than ${MAX_ROSTER_BYTES / 1024 / 1024} MB: a roster should be one row per person.`;
    return found;
  }

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (busy) return;
    const found = validate();
    setErrors(found);
    if (found.name || found.file || !file) {
      window.requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setBusy(true);
    setServerError(null);
    let content: string;
    try {
      content = await readFileText(file);
    } catch (error) {
      setBusy(false);
      setErrors({ file: `Seatwise could not read ${file.name}: ${errorMessage(error)}` });
      return;
    }
    try {
      await importRoster({ name: name.trim(), fileName: file.name, content });
    } catch (error) {
      setBusy(false);
      setServerError(errorMessage(error));
      return;
    }
    onClose();
  }

  return (
    <Modal labelledBy={`${ids}-title`} describedBy={`${ids}-desc`} className="directory-import" onEscape={busy ? undefined : onClose}>
      <form ref={formRef} noValidate onSubmit={(event) => void submit(event)}>
        <h2 id={`${ids}-title`} className="modal__title">
          Import an HR roster
        </h2>
        <p id={`${ids}-desc`} className="modal__body">
          A CSV file with a header row naming the columns <code>email</code> (required), <code>name</code>, <code>status</code> (active, suspended or deprovisioned) and{' '}
          <code>end_date</code> (the last working day, as 2026-12-31), one row per person.
        </p>
        <div className="directory-import__fields">
          <Field label="Name" error={errors.name} hint="Importing a roster under a name already used replaces that roster.">
            {(props) => (
              <input
                {...props}
                ref={nameRef}
                className="input"
                value={name}
                maxLength={MAX_NAME + 20}
                autoComplete="off"
                disabled={busy}
                onChange={(event) => {
                  setName(event.target.value);
                  if (errors.name) setErrors({ ...errors, name: undefined });
                }}
              />
            )}
          </Field>
          <Field label="CSV file" error={errors.file}>
            {(props) => (
              <input
                {...props}
                type="file"
                className="input directory-import__file"
                accept=".csv,text/csv"
                disabled={busy}
                onChange={(event) => {
                  setFile(event.target.files?.[0] ?? null);
                  setServerError(null);
                  if (errors.file) setErrors({ ...errors, file: undefined });
                }}
              />
            )}
          </Field>
        </div>
        <div className="modal__status" aria-live="polite">
          {serverError ? (
            <Banner tone="danger" title="The roster was not imported" role="alert">
              <p>{serverError}</p>
            </Banner>
          ) : busy ? (
            <p className="muted">Reading {file?.name} and checking every line…</p>
          ) : null}
        </div>
        <div className="modal__actions">
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={busy}>
            {busy ? 'Importing…' : 'Import'}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
