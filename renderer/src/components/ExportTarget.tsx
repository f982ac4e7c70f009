/**
 * Where an export goes. In the browser host it is a download: main writes the file for the
 * browser, which saves it with the person's other downloads, so only a format is asked for.
 * In the desktop app it is a path, typed, defaulting to `<data dir>/exports/<stem>-<today>.<format>`
 * and following the format until the person edits it; main writes the file there, so a
 * relative path is refused here before it is sent.
 */
import { useEffect, useState, type RefObject } from 'react';
import { api, exportDelivery, type ExportDelivery } from '../api.js';

/** Today in local time, as the host names downloads: the day the person sees on their clock. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The name a download gets: `<stem>-<today>.<format>`. */
export function downloadName(stem: string, format: string, date: string = today()): string {
  return `${stem}-${date}.${format}`;
}

/** `<data dir>/exports/<stem>-<today>.<extension>`, with the data directory's own separators. */
export function defaultExportPath(dataDir: string | null, format: string, stem: string, date: string = today()): string {
  const windows = dataDir ? /^[A-Za-z]:\\/.test(dataDir) || dataDir.includes('\\') : false;
  const sep = windows ? '\\' : '/';
  const base = dataDir ? dataDir.replace(/[\\/]+$/, '') : '/tmp';
  return `${base}${sep}exports${sep}${stem}-${date}.${format}`;
}

export function isAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

/** Where one export is sent: the browser's downloads, or a path main writes to. */
export type ExportDestination = { kind: 'download' } | { kind: 'path'; out: string };

export interface ExportTarget<F extends string> {
  format: F;
  chooseFormat(next: F): void;
  /** null until main has said which transport this window has. */
  delivery: ExportDelivery | null;
  /** The download's file name (browser host). */
  filename: string;
  path: string;
  setPath(path: string): void;
  /** Why the path was refused, until the next valid submit. */
  invalid: string | null;
  /** Where to send the export; for a path that is not absolute, says why, focuses the field and returns null. */
  validate(): ExportDestination | null;
}

/**
 * The state of the fields; `focusRef` goes on the first field (the path, or the chosen format
 * when there is no path), focused once the dialog knows which it has, and when a path is refused.
 */
export function useExportTarget<F extends string>(
  options: { formats: readonly F[]; initial: F; stem: string; example: string },
  focusRef: RefObject<HTMLInputElement | null>,
): ExportTarget<F> {
  const { formats, initial, stem, example } = options;
  const [format, setFormat] = useState<F>(initial);
  const [dataDir, setDataDir] = useState<string | null>(null);
  const [delivery, setDelivery] = useState<ExportDelivery | null>(null);
  // null until the person edits it: the default then follows the format and the data directory.
  const [customPath, setCustomPath] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const path = customPath ?? defaultExportPath(dataDir, format, stem);

  useEffect(() => {
    let live = true;
    api.call('app:info', {}).then(
      (info) => {
        if (live) setDataDir(info.dataDir);
      },
      () => undefined,
    );
    exportDelivery().then(
      (answer) => {
        if (live) setDelivery(answer);
      },
      // Without an answer the path stays: main refuses what it may not write, and says why.
      () => {
        if (live) setDelivery('path');
      },
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (delivery !== null) focusRef.current?.focus();
  }, [delivery, focusRef]);

  const extension = new RegExp(`\\.(${formats.join('|')})$`, 'i');
  return {
    format,
    chooseFormat(next) {
      setFormat(next);
      setCustomPath((current) => (current === null ? null : current.replace(extension, `.${next}`)));
    },
    delivery,
    filename: downloadName(stem, format),
    path,
    setPath: setCustomPath,
    invalid,
    validate() {
      if (delivery === 'download') return { kind: 'download' };
      const out = path.trim();
      if (!isAbsolute(out)) {
        setInvalid(`Enter a full path, such as ${example}.`);
        focusRef.current?.focus();
        return null;
      }
      setInvalid(null);
      return { kind: 'path', out };
    },
  };
}

/** The format chips and, in the desktop app, the "Save to" field of an export form. */
export function ExportTargetFields<F extends string>({
  id,
  target,
  focusRef,
  options,
  disabled,
}: {
  id: string;
  target: ExportTarget<F>;
  focusRef: RefObject<HTMLInputElement | null>;
  options: ReadonlyArray<{ value: F; label: string }>;
  disabled: boolean;
}) {
  const download = target.delivery === 'download';
  return (
    <>
      <fieldset className="modal__formats" disabled={disabled}>
        <legend>Format</legend>
        {options.map((option) => (
          <label key={option.value} className="radio-chip">
            <input
              type="radio"
              name={`${id}-format`}
              value={option.value}
              checked={target.format === option.value}
              ref={download && target.format === option.value ? focusRef : undefined}
              onChange={() => target.chooseFormat(option.value)}
            />
            {option.label}
          </label>
        ))}
      </fieldset>
      {target.delivery === null ? null : download ? (
        <p className="modal__note">
          Your browser saves it as <code className="mono-value">{target.filename}</code>, where it keeps your downloads.
        </p>
      ) : (
        <>
          <label htmlFor={`${id}-path`} className="modal__label">
            Save to
          </label>
          <input
            id={`${id}-path`}
            ref={focusRef}
            className="input modal__path"
            value={target.path}
            spellCheck={false}
            disabled={disabled}
            aria-invalid={target.invalid ? true : undefined}
            aria-describedby={target.invalid ? `${id}-invalid` : undefined}
            onChange={(event) => target.setPath(event.target.value)}
          />
          {target.invalid ? (
            <p id={`${id}-invalid`} className="field-error" role="alert">
              {target.invalid}
            </p>
          ) : null}
        </>
      )}
    </>
  );
}
