import type { ScheduleInput, ScheduleView } from '../../../preload/contract.js';
import { parse, stringFlag } from '../args.js';
import type { Command } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import { printJson } from '../output.js';

const NAME = 'schedule';
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export const scheduleCommand: Command = {
  name: NAME,
  summary: "Show or change when a profile syncs on its own (daily at 06:00 unless changed)",
  usage: [
    'seatwise schedule PROFILE [--json]',
    'seatwise schedule PROFILE (--daily HH:MM | --weekly DAY@HH:MM | --cron "EXPR") [--tz ZONE] [--json]',
  ].join('\n'),
  access: (argv) => (argv.some((a) => /^--(daily|weekly|cron)(=|$)/.test(a)) ? 'write' : 'read'),
  examples: [
    'seatwise schedule "Asana"',
    'seatwise schedule "Asana" --daily 05:30 --tz Europe/Berlin',
    'seatwise schedule "Calendly" --weekly mon@07:00',
    'seatwise schedule "Salesforce" --cron "0 */6 * * *"',
  ],
  async run(ctx, argv) {
    const p = parse(NAME, argv, {
      daily: { type: 'string' },
      weekly: { type: 'string' },
      cron: { type: 'string' },
      tz: { type: 'string' },
      json: { type: 'boolean' },
    });
    const [profile, extra] = p.positionals;
    if (!profile) throw new UsageError('schedule needs a PROFILE (see "seatwise profiles list").', NAME);
    if (extra) throw new UsageError(`Unexpected argument "${extra}".`, NAME);
    const wanted = scheduleFromFlags(stringFlag(p, 'daily'), stringFlag(p, 'weekly'), stringFlag(p, 'cron'), stringFlag(p, 'tz'));
    const profileId = (await ctx.profileId(profile));
    const view = wanted ? await ctx.call('schedule:set', { profileId, schedule: wanted }) : await ctx.call('schedule:get', { profileId });
    if (p.values.json) printJson(view);
    else process.stdout.write(describe(view, wanted !== undefined));
    return EXIT.ok;
  },
};

/** The schedule the flags ask for; undefined when none is given (then the command only shows). */
export function scheduleFromFlags(daily?: string, weekly?: string, cron?: string, tz?: string): ScheduleInput | undefined {
  const given = [daily, weekly, cron].filter((v) => v !== undefined).length;
  if (given > 1) throw new UsageError('Give one of --daily, --weekly or --cron.', NAME);
  const zone = tz === undefined ? {} : { timeZone: tz };
  if (daily !== undefined) return { kind: 'daily', time: timeOf('--daily', daily, daily), ...zone };
  if (cron !== undefined) return { kind: 'cron', expression: cron, ...zone };
  if (weekly !== undefined) {
    const match = /^([a-z]{3})[a-z]*@(\d{1,2}:\d{2})$/i.exec(weekly.trim());
    const day = match ? DAYS.indexOf(match[1]!.toLowerCase()) : -1;
    if (!match || day < 0) throw new UsageError(`--weekly takes DAY@HH:MM, such as mon@07:00, not "${weekly}".`, NAME);
    return { kind: 'weekly', day, time: timeOf('--weekly', match[2]!, weekly), ...zone };
  }
  if (tz !== undefined) throw new UsageError('--tz goes with --daily, --weekly or --cron.', NAME);
  return undefined;
}

/** HH:MM on a 24-hour clock; the flag is named when it is not one. */
function timeOf(flag: string, time: string, given: string): string {
  if (!/^([01]?\d|2[0-3]):[0-5]\d$/.test(time)) throw new UsageError(`${flag} takes a time from 00:00 to 23:59${flag === '--weekly' ? ' after the day, such as mon@07:00' : ', such as 05:30'}, not "${given}".`, NAME);
  return time;
}

function describe(view: ScheduleView, changed: boolean): string {
  const next = view.nextRunAt ? `next run ${view.nextRunAt.slice(0, 16).replace('T', ' ')} UTC` : 'not scheduled until the profile is published';
  return `${changed ? 'Schedule set: ' : ''}${view.description}, time zone ${view.timeZone}; ${next}.\n`;
}
