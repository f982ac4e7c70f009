/**
 * Comparators over row positions, for the in-memory queries behind the virtualized tables
 * (seat-query.ts, candidate-query.ts). Each row's sort key is computed once per download into
 * a plain array; sorting then compares positions by key. Ties keep the original order (the
 * position), so every sort is stable, and re-sorting by another column never shuffles equals.
 */

export type PositionComparator = (a: number, b: number) => number;

/** By folded text keys (see `fold`), ascending or descending. */
export function byText(keys: readonly string[], desc: boolean): PositionComparator {
  const direction = desc ? -1 : 1;
  return (a, b) => {
    const x = keys[a]!;
    const y = keys[b]!;
    if (x !== y) return (x < y ? -1 : 1) * direction;
    return a - b;
  };
}

/** By numbers; NaN marks a missing value, which sorts last in both directions. */
export function byNumber(keys: Float64Array, desc: boolean): PositionComparator {
  const direction = desc ? -1 : 1;
  return (a, b) => {
    const x = keys[a]!;
    const y = keys[b]!;
    const xMissing = Number.isNaN(x);
    const yMissing = Number.isNaN(y);
    if (xMissing || yMissing) return xMissing === yMissing ? a - b : xMissing ? 1 : -1;
    if (x !== y) return (x - y) * direction;
    return a - b;
  };
}
