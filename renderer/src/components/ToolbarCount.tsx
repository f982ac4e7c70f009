/** A table toolbar's live count: "1,234 seats", or "12 of 1,234 seats" while filters narrow it, then a figure. */
import type { ReactNode } from 'react';
import { formatNumber, plural } from '../lib/format.js';

export function ToolbarCount({
  shown,
  total,
  noun,
  nouns,
  filtered,
  children,
}: {
  shown: number;
  total: number;
  noun: string;
  /** The plural when it is not `noun` + "s" ("people"). */
  nouns?: string;
  filtered: boolean;
  children: ReactNode;
}) {
  return (
    <p className="table-toolbar__count" role="status" aria-live="polite">
      {filtered ? (
        <>
          {formatNumber(shown)} of {plural(total, noun, nouns)}
        </>
      ) : (
        plural(shown, noun, nouns)
      )}
      <span className="table-toolbar__sep" aria-hidden="true">
        ·
      </span>
      {children}
    </p>
  );
}
