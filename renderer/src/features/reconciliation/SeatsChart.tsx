/**
 * Seats owned against seats in use, one horizontal bar per license type, drawn as plain SVG.
 * The track is what is owned; on it, the seats in use split into active, inactive and
 * approved for reclaim; what is used beyond the owned mark is hatched in red and labelled.
 * The SVG is one image with a spoken summary; the same numbers are in a table under it.
 */
import { useId, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { formatNumber, plural } from '../../lib/format.js';
import { chartMax, ticks, type ChartBar } from './model.js';

const LABEL_WIDTH = 184;
const VALUE_WIDTH = 124;
const ROW_HEIGHT = 46;
const BAR_HEIGHT = 14;
const TOP = 8;
const AXIS_HEIGHT = 26;
const DEFAULT_WIDTH = 760;

/** The chart's width follows its card; jsdom and first paint use a sensible default. */
function useWidth(): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(DEFAULT_WIDTH);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const measure = () => {
      const next = Math.floor(element.getBoundingClientRect().width);
      if (next > 0) setWidth(next);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The sentence a screen reader hears for the whole chart. */
export function chartSummary(bars: readonly ChartBar[]): string {
  const parts = bars.map((bar) => {
    const owned = bar.owned === null ? 'owned not recorded' : `${formatNumber(bar.owned)} owned`;
    const over = bar.overAllocated ? `, over-allocated by ${formatNumber(bar.overBy)}` : '';
    return `${bar.profileName} ${bar.licenseType}: ${owned}, ${formatNumber(bar.used)} in use, ${formatNumber(bar.inactive + bar.pendingReclaim)} inactive${over}`;
  });
  return `Seats owned, in use and inactive for ${plural(bars.length, 'license type')}. ${parts.join('. ')}.`;
}

export function SeatsChart({ bars }: { bars: readonly ChartBar[] }) {
  const ids = useId();
  const [ref, width] = useWidth();
  const max = chartMax(bars);
  const plot = Math.max(120, width - LABEL_WIDTH - VALUE_WIDTH);
  const x = (value: number): number => LABEL_WIDTH + (Math.max(0, value) / max) * plot;
  const height = TOP + bars.length * ROW_HEIGHT + AXIS_HEIGHT;
  const hatch = `${ids}-over`.replace(/:/g, '');

  return (
    <div className="seats-chart" ref={ref}>
      <Legend />
      <svg
        className="seats-chart__svg"
        role="img"
        aria-label={chartSummary(bars)}
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        data-testid="seats-chart"
      >
        <defs>
          <pattern id={hatch} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" className="seats-chart__over-bg" />
            <rect width="3" height="6" className="seats-chart__over-stripe" />
          </pattern>
        </defs>
        {ticks(max).map((tick) => (
          <g key={tick}>
            <line className="seats-chart__grid" x1={x(tick)} x2={x(tick)} y1={TOP - 4} y2={height - AXIS_HEIGHT + 4} />
            <text className="seats-chart__tick" x={x(tick)} y={height - 8} textAnchor="middle">
              {formatNumber(tick)}
            </text>
          </g>
        ))}
        {bars.map((bar, index) => {
          const top = TOP + index * ROW_HEIGHT;
          const barY = top + (ROW_HEIGHT - BAR_HEIGHT) / 2 + 6;
          const activeEnd = x(bar.active);
          const inactiveEnd = x(bar.active + bar.inactive);
          const usedEnd = x(bar.used);
          return (
            <g key={bar.key} className={bar.overAllocated ? 'seats-chart__row is-over' : 'seats-chart__row'} data-over={bar.overAllocated || undefined}>
              <text className="seats-chart__label" x={0} y={top + 17}>
                {truncate(bar.licenseType, 26)}
              </text>
              <text className="seats-chart__sublabel" x={0} y={top + 34}>
                {truncate(bar.profileName, 28)}
              </text>
              {bar.owned !== null ? (
                <rect className="seats-chart__owned" x={LABEL_WIDTH} y={barY - 4} width={Math.max(0, x(bar.owned) - LABEL_WIDTH)} height={BAR_HEIGHT + 8} rx={4} />
              ) : null}
              <rect className="seats-chart__active" x={LABEL_WIDTH} y={barY} width={Math.max(0, activeEnd - LABEL_WIDTH)} height={BAR_HEIGHT} rx={2} />
              <rect className="seats-chart__inactive" x={activeEnd} y={barY} width={Math.max(0, inactiveEnd - activeEnd)} height={BAR_HEIGHT} />
              <rect className="seats-chart__pending" x={inactiveEnd} y={barY} width={Math.max(0, usedEnd - inactiveEnd)} height={BAR_HEIGHT} />
              {bar.overAllocated && bar.owned !== null ? (
                <rect className="seats-chart__over" x={x(bar.owned)} y={barY} width={Math.max(0, usedEnd - x(bar.owned))} height={BAR_HEIGHT} fill={`url(#${hatch})`} />
              ) : null}
              {bar.owned !== null ? <line className="seats-chart__owned-mark" x1={x(bar.owned)} x2={x(bar.owned)} y1={barY - 7} y2={barY + BAR_HEIGHT + 7} /> : null}
              <text className="seats-chart__value" x={width - 2} y={top + 17} textAnchor="end">
                {formatNumber(bar.used)} of {bar.owned === null ? '?' : formatNumber(bar.owned)}
              </text>
              <text className={bar.overAllocated ? 'seats-chart__note is-over' : 'seats-chart__note'} x={width - 2} y={top + 34} textAnchor="end">
                {bar.overAllocated
                  ? `${formatNumber(bar.overBy)} over owned`
                  : bar.owned === null
                    ? 'owned not recorded'
                    : `${formatNumber(bar.inactive + bar.pendingReclaim)} inactive`}
              </text>
            </g>
          );
        })}
      </svg>
      <details className="seats-chart__data">
        <summary>The chart’s numbers as a table</summary>
        <ChartTable bars={bars} />
      </details>
    </div>
  );
}

function Legend() {
  return (
    <ul className="chart-legend" aria-hidden="true">
      <li>
        <span className="chart-legend__swatch chart-legend__swatch--owned" />
        Owned
      </li>
      <li>
        <span className="chart-legend__swatch chart-legend__swatch--active" />
        In use, active
      </li>
      <li>
        <span className="chart-legend__swatch chart-legend__swatch--inactive" />
        Inactive
      </li>
      <li>
        <span className="chart-legend__swatch chart-legend__swatch--pending" />
        Approved for reclaim
      </li>
      <li>
        <span className="chart-legend__swatch chart-legend__swatch--over" />
        Used beyond owned
      </li>
    </ul>
  );
}

export function ChartTable({ bars }: { bars: readonly ChartBar[] }) {
  return (
    <table className="data-table data-table--compact">
        <caption className="visually-hidden">Seats owned, in use and inactive per license type</caption>
        <thead>
          <tr>
            <th scope="col">License type</th>
            <th scope="col">Integration</th>
            <th scope="col" className="num">
              Owned
            </th>
            <th scope="col" className="num">
              In use
            </th>
            <th scope="col" className="num">
              Inactive
            </th>
            <th scope="col" className="num">
              Approved for reclaim
            </th>
            <th scope="col" className="num">
              Over owned
            </th>
          </tr>
        </thead>
        <tbody>
          {bars.map((bar) => (
            <tr key={bar.key}>
              <th scope="row">{bar.licenseType}</th>
              <td>{bar.profileName}</td>
              <td className="num">{bar.owned === null ? '—' : formatNumber(bar.owned)}</td>
              <td className="num">{formatNumber(bar.used)}</td>
              <td className="num">{formatNumber(bar.inactive)}</td>
              <td className="num">{formatNumber(bar.pendingReclaim)}</td>
              <td className="num">{bar.overAllocated ? formatNumber(bar.overBy) : '—'}</td>
            </tr>
          ))}
        </tbody>
    </table>
  );
}
