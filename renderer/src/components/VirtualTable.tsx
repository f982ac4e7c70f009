/**
 * The virtualized table under the seats and candidates lists. The caller's query has already
 * searched, filtered and sorted every row in memory (250,000 seats, 100,000 candidates);
 * tanstack virtual picks which items are in view, and tanstack table sees only those rows: it
 * owns the column definitions, the sorting toggles in the header and the cells. Only the items
 * in view (plus an overscan) are in the DOM; spacer rows above and below keep the scroll height.
 *
 * An item is usually a row; a caller may list other items too (the candidates' group headers),
 * which `rowOf` maps to undefined and `renderItem` draws itself.
 */
import { Fragment, useMemo, useRef, type MouseEvent, type ReactNode } from 'react';
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type Header, type Row, type RowData, type SortingState, type VisibilityState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { SortIcon } from './icons.js';

declare module '@tanstack/react-table' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Right-aligned, tabular figures. */
    numeric?: boolean;
    /** Fixed width in px; a column without one takes the remaining width. */
    width?: number;
    /** The class of the column's cells, instead of the default (`num` for numeric columns). */
    cellClass?: string;
  }
}

const OVERSCAN = 10;

export interface VirtualTableProps<TRow, TItem> {
  /** Everything the query shows, in order; only the ones in view are rendered. */
  items: readonly TItem[];
  /** The row an item stands for, or undefined for an item that is not a row. */
  rowOf: (item: TItem) => TRow | undefined;
  getRowId: (row: TRow) => string;
  columns: ColumnDef<TRow>[];
  columnVisibility?: VisibilityState;
  sorting: SortingState;
  onSortingChange: (sorting: SortingState) => void;
  /** Whether clicking a sorted column a third time removes the sort. */
  enableSortingRemoval: boolean;
  /** The height of a row; also the sticky header's, which sits inside the scroll element. */
  rowHeight: number;
  /** Items of another height (group headers); rows default to `rowHeight`. */
  itemHeight?: (item: TItem) => number;
  /** The React key of an item that is not a row (rows are keyed by their id). */
  itemKey?: (item: TItem) => string;
  /** The scroll region's accessible name, e.g. "Seats table, scrollable". */
  label: string;
  /** A header cell of the caller's own (select all); undefined for the default sort header. */
  renderHeader?: (header: Header<TRow, unknown>) => ReactNode | undefined;
  /** One item in view: `index` is its position in `items`, `row` its table row (if a row), `span` the column count. */
  renderItem: (item: TItem, view: { index: number; row: Row<TRow> | undefined; span: number }) => ReactNode;
  /** Shown below the table inside the scroll region (the empty state). */
  children?: ReactNode;
}

export function VirtualTable<TRow, TItem>({
  items,
  rowOf,
  getRowId,
  columns,
  columnVisibility,
  sorting,
  onSortingChange,
  enableSortingRemoval,
  rowHeight,
  itemHeight,
  itemKey,
  label,
  renderHeader,
  renderItem,
  children,
}: VirtualTableProps<TRow, TItem>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => {
      const item = items[i];
      return itemHeight && item !== undefined ? itemHeight(item) : rowHeight;
    },
    overscan: OVERSCAN,
    // The sticky header sits inside the scroll element.
    scrollPaddingStart: rowHeight,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const first = virtualItems[0]?.index ?? 0;
  const last = virtualItems.length > 0 ? (virtualItems[virtualItems.length - 1]?.index ?? 0) + 1 : 0;
  const paddingTop = virtualItems.length > 0 ? (virtualItems[0]?.start ?? 0) : 0;
  const paddingBottom = virtualItems.length > 0 ? virtualizer.getTotalSize() - (virtualItems[virtualItems.length - 1]?.end ?? 0) : 0;

  // tanstack sees only the rows in view: cells, visibility and the sorting toggles, nothing more.
  const windowRows = useMemo(() => {
    const out: TRow[] = [];
    for (let i = first; i < last; i++) {
      const item = items[i];
      const row = item === undefined ? undefined : rowOf(item);
      if (row !== undefined) out.push(row);
    }
    return out;
    // rowOf is a pure mapping; a new function each render must not rebuild the window.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [items, first, last]);
  const table = useReactTable({
    data: windowRows,
    columns,
    state: { sorting, ...(columnVisibility ? { columnVisibility } : {}) },
    onSortingChange: (updater) => onSortingChange(typeof updater === 'function' ? updater(sorting) : updater),
    manualSorting: true,
    manualFiltering: true,
    enableSortingRemoval,
    getCoreRowModel: getCoreRowModel(),
    getRowId,
  });
  const rowById = new Map(table.getRowModel().rows.map((row) => [row.id, row] as const));
  const leafColumns = table.getVisibleLeafColumns();

  return (
    <div className="vtable-scroll" ref={scrollRef} tabIndex={0} role="region" aria-label={label}>
      {/* A table, not a grid: a row's selection is its checkbox, which says it to everyone
          (aria-multiselectable and aria-selected belong to grids, with their arrow-key model). */}
      <table className="data-table vtable" aria-rowcount={items.length + 1}>
        <colgroup>
          {leafColumns.map((column) => (
            <col key={column.id} style={column.columnDef.meta?.width ? { width: column.columnDef.meta.width } : undefined} />
          ))}
        </colgroup>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} aria-rowindex={1}>
              {group.headers.map((header) => {
                const custom = renderHeader?.(header);
                return custom === undefined ? <SortHeader key={header.id} header={header} /> : <Fragment key={header.id}>{custom}</Fragment>;
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {paddingTop > 0 ? (
            <tr className="vtable__spacer" aria-hidden="true">
              <td colSpan={leafColumns.length} style={{ height: paddingTop }} />
            </tr>
          ) : null}
          {virtualItems.map((virtual) => {
            const item = items[virtual.index];
            if (item === undefined) return null;
            const data = rowOf(item);
            const row = data === undefined ? undefined : rowById.get(getRowId(data));
            const key = data === undefined ? `i:${itemKey?.(item) ?? virtual.index}` : `r:${getRowId(data)}`;
            return <Fragment key={key}>{renderItem(item, { index: virtual.index, row, span: leafColumns.length })}</Fragment>;
          })}
          {paddingBottom > 0 ? (
            <tr className="vtable__spacer" aria-hidden="true">
              <td colSpan={leafColumns.length} style={{ height: paddingBottom }} />
            </tr>
          ) : null}
        </tbody>
      </table>
      {children}
    </div>
  );
}

/** A column header: a sort button with aria-sort when the column sorts, plain text when not. */
function SortHeader<TRow>({ header }: { header: Header<TRow, unknown> }) {
  const column = header.column;
  const numeric = column.columnDef.meta?.numeric === true;
  const label = flexRender(column.columnDef.header, header.getContext());
  if (!column.getCanSort()) {
    return (
      <th scope="col" className={numeric ? 'num' : undefined}>
        {label}
      </th>
    );
  }
  const direction = column.getIsSorted();
  const ariaSort = direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none';
  return (
    <th scope="col" aria-sort={ariaSort} className={numeric ? 'num' : undefined}>
      <button type="button" className={direction ? 'sort-button is-sorted' : 'sort-button'} onClick={column.getToggleSortingHandler()}>
        {label}
        <SortIcon sort={direction} size={14} className="sort-button__icon" />
      </button>
    </th>
  );
}

export interface VirtualRowProps<TRow> {
  row: Row<TRow>;
  /** The item's position in the whole list: aria-rowindex counts the header row as 1. */
  index: number;
  className?: string;
  onClick?: (event: MouseEvent<HTMLTableRowElement>) => void;
}

/** One data row: its visible cells, each with its column's class. */
export function VirtualRow<TRow>({ row, index, className, onClick }: VirtualRowProps<TRow>) {
  return (
    <tr aria-rowindex={index + 2} data-index={index} className={className} onClick={onClick}>
      {row.getVisibleCells().map((cell) => {
        const meta = cell.column.columnDef.meta;
        return (
          <td key={cell.id} className={meta?.cellClass ?? (meta?.numeric ? 'num' : undefined)}>
            {flexRender(cell.column.columnDef.cell, cell.getContext())}
          </td>
        );
      })}
    </tr>
  );
}
