/**
 * CSV/formula injection (OWASP): a spreadsheet treats a cell that starts with `=`, `+`, `-`,
 * `@`, a tab or a carriage return as a formula (or the start of one). Such string cells get a
 * single quote in front, so they are shown as text. Numbers and dates are never touched.
 *
 * The same goes for every line inside a cell: a reader that mishandles a quoted line break
 * (or a writer bug that leaves it unquoted) turns the text after the break into the start of
 * a new row, and `Bob\n=HYPERLINK(...)` would then be a formula cell. So a quote also goes
 * in front of any of those characters right after a CR or LF. A CR counts here too, since
 * some readers break lines on LF only and would see a line that starts with it.
 */

/** A trigger character at the start of the cell or right after a line break. */
const LINE_START_TRIGGER = /(?<=^|[\r\n])(?=[=+\-@\t\r])/g;
const ANY_LINE_TRIGGER = /(?<=^|[\r\n])[=+\-@\t\r]/;

/** Whether a string cell would be read as a formula. */
export function needsNeutralizing(value: string): boolean {
  if (value.length === 0) return false;
  const c = value.charCodeAt(0);
  return c === 61 /* = */ || c === 43 /* + */ || c === 45 /* - */ || c === 64 /* @ */ || c === 9 /* tab */ || c === 13 /* CR */;
}

/** Whether any line of a string cell (the first or one after a CR/LF) would be read as a formula. */
export function needsNeutralizingAnyLine(value: string): boolean {
  if (needsNeutralizing(value)) return true;
  if (!value.includes('\n') && !value.includes('\r')) return false;
  return ANY_LINE_TRIGGER.test(value);
}

/** The string as a safe cell: `'` in front of the cell and of every line that would be read as a formula. */
export function neutralizeCell(value: string): string {
  // The common cell holds no line break: one character check, no regular expression.
  if (!value.includes('\n') && !value.includes('\r')) return needsNeutralizing(value) ? `'${value}` : value;
  return value.replace(LINE_START_TRIGGER, "'");
}
