import type { Schedule } from './schedule.js';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const NICKNAMES: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/**
 * The schedule in words for lists, the tray and the CLI. The zone is named only when the schedule
 * pins one; without it the times are the machine's own, which is what the person expects to read.
 * Cron expressions get words only for the common shapes; anything else shows the expression alone
 * rather than a paraphrase that could be wrong.
 */
export function describeSchedule(schedule: Schedule): string {
  const zone = schedule.timeZone;
  switch (schedule.kind) {
    case 'daily':
      return `Every day at ${schedule.time}` + (zone ? ` (${zone})` : '');
    case 'weekly':
      return `Every ${DAYS[schedule.day] ?? `day ${schedule.day}`} at ${schedule.time}` + (zone ? ` (${zone})` : '');
    case 'cron': {
      const expression = schedule.expression.trim().replace(/\s+/g, ' ');
      const words = describeCron(expression);
      const notes = [words, zone ? `in ${zone}` : undefined].filter((n) => n !== undefined);
      return `Cron ${expression}` + (notes.length > 0 ? ` (${notes.join(', ')})` : '');
    }
  }
}

/** Words for a 5-field expression, or undefined when the shape is not one we can say plainly. */
export function describeCron(expression: string): string | undefined {
  const expanded = NICKNAMES[expression.toLowerCase()] ?? expression;
  const fields = expanded.split(' ').map((f) => (f === '?' ? '*' : f));
  if (fields.length !== 5) return undefined;
  const [minute, hour, dom, month, dow] = fields as [string, string, string, string, string];
  if (month !== '*') return undefined;
  const everyDay = dom === '*' && dow === '*';

  if (minute === '*' && hour === '*' && everyDay) return 'every minute';
  const minuteStep = /^\*\/(\d+)$/.exec(minute);
  // Only steps that divide the hour evenly are really "every N minutes"; */7 restarts at :00.
  if (minuteStep && hour === '*' && everyDay && 60 % Number(minuteStep[1]) === 0) return plural(Number(minuteStep[1]), 'minute');

  if (!isNumber(minute, 59)) return undefined;
  const m = Number(minute);
  const atMinute = m === 0 ? '' : ` at minute ${m}`;
  if (hour === '*' && everyDay) return `every hour${atMinute}`;
  const hourStep = /^\*\/(\d+)$/.exec(hour);
  if (hourStep && everyDay && 24 % Number(hourStep[1]) === 0) return `${plural(Number(hourStep[1]), 'hour')}${atMinute}`;

  const hours = hour.split(',');
  if (!hours.every((h) => isNumber(h, 23))) return undefined;
  const times = joinWords(hours.map((h) => `${pad(Number(h))}:${pad(m)}`));

  if (everyDay) return `every day at ${times}`;
  if (dom === '*') {
    const days = describeDays(dow);
    return days === undefined ? undefined : `every ${days} at ${times}`;
  }
  if (dow === '*') {
    if (dom === 'L') return `on the last day of every month at ${times}`;
    const dates = dom.split(',');
    if (!dates.every((d) => isNumber(d, 31) && Number(d) >= 1)) return undefined;
    return `on day ${joinWords(dates.map(Number).map(String))} of every month at ${times}`;
  }
  // Both day fields set: cron ORs them, which no short sentence states honestly.
  return undefined;
}

function describeDays(field: string): string | undefined {
  const range = /^(\w+)-(\w+)$/.exec(field);
  if (range) {
    const from = dayIndex(range[1]!);
    const to = dayIndex(range[2]!);
    return from === undefined || to === undefined ? undefined : `${DAYS[from]} to ${DAYS[to]}`;
  }
  const days = field.split(',').map(dayIndex);
  if (days.some((d) => d === undefined)) return undefined;
  return joinWords(days.map((d) => DAYS[d!]!));
}

function dayIndex(token: string): number | undefined {
  if (/^[0-7]$/.test(token)) return Number(token) % 7; // 7 is Sunday too
  const index = DAY_NAMES.indexOf(token.toLowerCase());
  return index >= 0 ? index : undefined;
}

function isNumber(field: string, max: number): boolean {
  return /^\d{1,2}$/.test(field) && Number(field) <= max;
}

function plural(n: number, unit: string): string {
  return n === 1 ? `every ${unit}` : `every ${n} ${unit}s`;
}

function joinWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
