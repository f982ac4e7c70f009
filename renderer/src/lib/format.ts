/**
 * Numbers, money and dates, always through Intl in the user's locale. Formatters are cached:
 * building an Intl formatter is far slower than using one, and tables format thousands of cells.
 */

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(key: string, make: () => T): T {
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) {
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter;
}

export function formatNumber(value: number): string {
  return cached('number', () => new Intl.NumberFormat(undefined)).format(value);
}

/** Whole units for totals ("$1,240"), cents where the amount is small ("$8.50"). */
export function formatCurrency(value: number, currency: string, options: { precise?: boolean } = {}): string {
  const precise = options.precise ?? (value !== 0 && Math.abs(value) < 100 && !Number.isInteger(value));
  const key = `currency:${currency}:${precise ? 2 : 0}`;
  try {
    return cached(
      key,
      () =>
        new Intl.NumberFormat(undefined, {
          style: 'currency',
          currency,
          minimumFractionDigits: precise ? 2 : 0,
          maximumFractionDigits: precise ? 2 : 0,
        }),
    ).format(value);
  } catch {
    // An unknown currency code: show the number and the code rather than nothing.
    return `${formatNumber(Math.round(value))} ${currency}`;
  }
}

export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return cached('datetime', () => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })).format(date);
}

/** Like formatDateTime, without the year when it is this year: "Nov 23, 10:18 AM". */
export function formatShortDateTime(iso: string | undefined, now: number = Date.now()): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  if (date.getFullYear() !== new Date(now).getFullYear()) return formatDateTime(iso);
  return cached('short-datetime', () => new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' })).format(date);
}

export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return cached('date', () => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })).format(date);
}

const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 hours ago", "in 2 days", "now". */
export function formatRelative(iso: string | undefined, now: number = Date.now()): string {
  if (!iso) return '';
  const time = new Date(iso).getTime();
  if (Number.isNaN(time)) return '';
  const seconds = Math.round((time - now) / 1000);
  const rtf = cached('relative', () => new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }));
  const abs = Math.abs(seconds);
  // A few seconds either way is clock skew between processes, not the future.
  if (abs < 45) return seconds > 10 ? 'in a moment' : 'just now';
  for (const [unit, size] of UNITS) {
    if (abs >= size * 0.9 || unit === 'minute') {
      return rtf.format(Math.round(seconds / size), unit);
    }
  }
  return rtf.format(Math.round(seconds / 60), 'minute');
}

/** A duration between two instants: "42 s", "3 min 5 s", "1 h 12 min". */
export function formatDuration(startIso: string, endIso: string | undefined, now: number = Date.now()): string {
  const start = new Date(startIso).getTime();
  const end = endIso ? new Date(endIso).getTime() : now;
  if (Number.isNaN(start) || Number.isNaN(end)) return '';
  return formatSeconds(Math.max(0, Math.round((end - start) / 1000)));
}

export function formatSeconds(total: number): string {
  const unit = (value: number, name: 'hour' | 'minute' | 'second') =>
    cached(`unit:${name}`, () => new Intl.NumberFormat(undefined, { style: 'unit', unit: name, unitDisplay: 'narrow' })).format(value);
  if (total < 1) return `<${unit(1, 'second')}`;
  if (total < 60) return unit(total, 'second');
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours > 0) return minutes > 0 ? `${unit(hours, 'hour')} ${unit(minutes, 'minute')}` : unit(hours, 'hour');
  return seconds > 0 ? `${unit(minutes, 'minute')} ${unit(seconds, 'second')}` : unit(minutes, 'minute');
}

let rulesInstance: Intl.PluralRules | undefined;

/** "1 seat" / "1,234 seats". */
export function plural(count: number, one: string, many: string = `${one}s`): string {
  rulesInstance ??= new Intl.PluralRules(undefined);
  return `${formatNumber(count)} ${rulesInstance.select(count) === 'one' ? one : many}`;
}
