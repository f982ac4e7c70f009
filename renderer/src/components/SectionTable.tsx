/**
 * The table of a section card: the column headings, then a last column for each row's buttons,
 * named for screen readers only, then the rows. Rows are the caller's: each list edits or
 * removes in its own way.
 */
import type { ReactNode } from 'react';

export interface SectionColumn {
  label: string;
  /** Right-aligned, as figures are. */
  num?: boolean;
}

export function SectionTable({
  className,
  labelledBy,
  columns,
  children,
}: {
  /** After `data-table`. */
  className: string;
  labelledBy?: string;
  columns: readonly SectionColumn[];
  children: ReactNode;
}) {
  return (
    <div className="table-scroll">
      <table className={`data-table ${className}`} aria-labelledby={labelledBy}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col" className={column.num ? 'num' : undefined}>
                {column.label}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A full-width row under the row it edits, holding that row's form. */
export function SectionFormRow({ columns, children }: { columns: readonly SectionColumn[]; children: ReactNode }) {
  return (
    <tr className="data-table__form-row">
      {/* The actions column too. */}
      <td colSpan={columns.length + 1}>{children}</td>
    </tr>
  );
}
