/**
 * Where an export goes: a format and an absolute path. The browser host has no file dialog, so
 * the path is typed; it defaults to `<data dir>/exports/<stem>-<today>.<format>` and follows
 * the format until the person edits it. Main writes the file, so a relative path is refused
 * here before it is sent.
 */
import { useEffect, useState, type RefObject } from 'react';
import { api } from '../api.js';

function today(): string {
  return new Date().toISOString().slice(0, 10);
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

export interface ExportTarget<F extends string> {
  format: F;
  chooseFormat(next: F): void;
  path: string;
  setPath(path: string): void;
  /** Why the path was refused, until the next valid submit. */
  invalid: string | null;
  /** The trimmed path when it is absolute; otherwise says why, focuses the field and returns null. */
  validate(): string | null;
}

/** The state of the fields; `pathRef` goes on the path field (focused at first and when refused). */
export function useExportTarget<F extends string>(
  options: { formats: readonly F[]; initial: F; stem: string; example: string },
  pathRef: RefObject<HTMLInputElement | null>,
): ExportTarget<F> {
  const { formats, initial, stem, example } = options;
  const [format, setFormat] = useState<F>(initial);
  const [dataDir, setDataDir] = useState<string | null>(null);
  // null until the person edits it: the default then follows the format and the data directory.
  const [customPath, setCustomPath] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const path = customPath ?? defaultExportPath(dataDir, format, stem);

  useEffect(() => {
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
  }, [pathRef]);

  const extension = new RegExp(`\\.(${formats.join('|')})$`, 'i');
  return {
    format,
    chooseFormat(next) {
      setFormat(next);
      setCustomPath((current) => (current === null ? null : current.replace(extension, `.${next}`)));
    },
    path,
    setPath: setCustomPath,
    invalid,
    validate() {
      const out = path.trim();
      if (!isAbsolute(out)) {
        setInvalid(`Enter a full path, such as ${example}.`);
        pathRef.current?.focus();
        return null;
      }
      setInvalid(null);
      return out;
    },
  };
}

/** The format chips and the "Save to" field of an export form. */
export function ExportTargetFields<F extends string>({
  id,
  target,
  pathRef,
  options,
  disabled,
}: {
  id: string;
  target: ExportTarget<F>;
  pathRef: RefObject<HTMLInputElement | null>;
  options: ReadonlyArray<{ value: F; label: string }>;
  disabled: boolean;
}) {
  return (
    <>
      <fieldset className="modal__formats" disabled={disabled}>
        <legend>Format</legend>
        {options.map((option) => (
          <label key={option.value} className="radio-chip">
            <input type="radio" name={`${id}-format`} value={option.value} checked={target.format === option.value} onChange={() => target.chooseFormat(option.value)} />
            {option.label}
          </label>
        ))}
      </fieldset>
      <label htmlFor={`${id}-path`} className="modal__label">
        Save to
      </label>
      <input
        id={`${id}-path`}
        ref={pathRef}
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
  );
}
