/**
 * CSV/formula injection (OWASP): a spreadsheet treats a cell that starts with `=`, `+`, `-`,
 * `@`, a tab or a carriage return as a formula (or the start of one). Such string cells get a
 * single quote in front, so they are shown as text. Numbers and dates are never touched.
 */

/** Whether a string cell would be read as a formula. */
export function needsNeutralizing(value: string): boolean {
  if (value.length === 0) return false;
  const c = value.charCodeAt(0);
  return c === 61 /* = */ || c === 43 /* + */ || c === 45 /* - */ || c === 64 /* @ */ || c === 9 /* tab */ || c === 13 /* CR */;
}

/** The string as a safe cell: prefixed with `'` when it would be read as a formula. */
export function neutralizeCell(value: string): string {
  return needsNeutralizing(value) ? `'${value}` : value;
}
