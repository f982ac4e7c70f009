import type { RulePatch } from '../../../preload/contract.js';
import { intFlag, parse, stringFlag, type Parsed } from '../args.js';
import type { CliContext, Command } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import { printJson, say, table } from '../output.js';

const NAME = 'rules';

/** A `true|false` flag; undefined when absent, a usage error naming the flag otherwise. */
export function boolFlag(parsed: Parsed, name: string, command: string): boolean | undefined {
  const raw = stringFlag(parsed, name);
  if (raw === undefined) return undefined;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new UsageError(`--${name} must be true or false, not "${raw}".`, command);
}

/** An `on|off` flag; undefined when absent, a usage error naming the flag otherwise. */
export function onOffFlag(parsed: Parsed, name: string, command: string): boolean | undefined {
  const raw = stringFlag(parsed, name);
  if (raw === undefined) return undefined;
  if (raw === 'on') return true;
  if (raw === 'off') return false;
  throw new UsageError(`--${name} must be on or off, not "${raw}".`, command);
}

export const rulesCommand: Command = {
  name: NAME,
  summary: 'List and edit reclamation rules (a change recomputes candidates at once)',
  usage: [
    'seatwise rules list [--profile NAME] [--json]',
    'seatwise rules set RULE_ID [--threshold N] [--enabled true|false] [--approval-required true|false]',
    '                           [--reclaim-without-approval true|false] [--notify true|false] [--days-before N]',
    '                           [--auto-reclaim on|off] [--leavers on|off] [--leaver-days N]',
    '                           [--action remove|downgrade] [--json]',
    '',
    '--leavers (on by default) makes a seat whose holder the directory marks suspended or deprovisioned, or whose',
    'HR end date has passed, a candidate --leaver-days N days after leaving (0: at once), whatever their activity.',
    '--action downgrade makes a reclaim that names no action move the rule\'s seats to a cheaper tier the vendor',
    'offers (Microsoft 365 E5 to E3, Zoom Licensed to Basic) instead of removing them; Undo restores the old tier.',
    'With --auto-reclaim off (the default) a sync never reclaims: only "seatwise reclaim ... --yes" or the',
    "Reclaim dialog does. With it on, each sync reclaims the rule's approved seats once their notice date has passed.",
  ].join('\n'),
  examples: ['seatwise rules list --profile "Asana"', 'seatwise rules set r-0123456789abcdef --threshold 30', 'seatwise rules set r-0123456789abcdef --auto-reclaim on'],
  access: (argv) => (argv[0] === 'list' ? 'read' : 'write'),
  async run(ctx, argv) {
    const [sub, ...rest] = argv;
    if (sub === 'list') return list(ctx, rest);
    if (sub === 'set') return set(ctx, rest);
    throw new UsageError(sub ? `Unknown rules subcommand "${sub}".` : 'rules needs a subcommand: list or set.', NAME);
  },
};

async function list(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parse(NAME, argv, { profile: { type: 'string' }, json: { type: 'boolean' } });
  if (p.positionals.length) throw new UsageError(`Unexpected argument "${p.positionals[0]}".`, NAME);
  const rules = await ctx.call('rules:list', { profileId: stringFlag(p, 'profile') });
  if (p.values.json) printJson(rules);
  else if (!rules.length) say('No rules yet: they are created on the first sync of a profile.\n');
  else {
    const names = new Map((await ctx.call('profiles:list', {})).map((x) => [x.id, x.name]));
    process.stdout.write(
      table(
        rules.map((r) => ({
          id: r.id,
          profile: names.get(r.profileId) ?? r.profileId,
          name: r.name,
          threshold: r.thresholdDays,
          enabled: String(r.enabled),
          approval: r.reclaimWithoutApproval ? 'not required' : 'required',
          notify: r.notifyUser ? `${r.daysBeforeAutoReclaim} days before` : 'no',
          'auto reclaim': r.autoReclaim ? 'on' : 'off',
          leavers: r.leaversEnabled ? (r.leaverDays === 0 ? 'at once' : `${r.leaverDays} days after`) : 'off',
          action: r.action === 'downgrade' && r.downgradeTo ? `downgrade to ${r.downgradeTo}` : r.action,
        })),
        ['id', 'profile', 'name', 'threshold', 'enabled', 'approval', 'notify', 'auto reclaim', 'leavers', 'action'],
      ) + '\n',
    );
  }
  return EXIT.ok;
}

async function set(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parse(NAME, argv, {
    threshold: { type: 'string' },
    enabled: { type: 'string' },
    'approval-required': { type: 'string' },
    'reclaim-without-approval': { type: 'string' },
    notify: { type: 'string' },
    'days-before': { type: 'string' },
    'auto-reclaim': { type: 'string' },
    leavers: { type: 'string' },
    'leaver-days': { type: 'string' },
    action: { type: 'string' },
    name: { type: 'string' },
    json: { type: 'boolean' },
  });
  const [ruleId, extra] = p.positionals;
  if (!ruleId) throw new UsageError('rules set needs a RULE_ID (see "seatwise rules list").', NAME);
  if (extra) throw new UsageError(`Unexpected argument "${extra}".`, NAME);
  const patch: RulePatch = {};
  const threshold = intFlag(p, 'threshold', NAME, { min: 1, max: 3650 });
  if (threshold !== undefined) patch.thresholdDays = threshold;
  const daysBefore = intFlag(p, 'days-before', NAME, { min: 0, max: 365 });
  if (daysBefore !== undefined) patch.daysBeforeAutoReclaim = daysBefore;
  const enabled = boolFlag(p, 'enabled', NAME);
  if (enabled !== undefined) patch.enabled = enabled;
  const approval = boolFlag(p, 'approval-required', NAME);
  if (approval !== undefined) patch.approvalRequired = approval;
  const without = boolFlag(p, 'reclaim-without-approval', NAME);
  if (without !== undefined) patch.reclaimWithoutApproval = without;
  if (approval === false && without === undefined) patch.reclaimWithoutApproval = true;
  const notify = boolFlag(p, 'notify', NAME);
  if (notify !== undefined) patch.notifyUser = notify;
  const auto = onOffFlag(p, 'auto-reclaim', NAME);
  if (auto !== undefined) patch.autoReclaim = auto;
  const leavers = onOffFlag(p, 'leavers', NAME);
  if (leavers !== undefined) patch.leaversEnabled = leavers;
  const leaverDays = intFlag(p, 'leaver-days', NAME, { min: 0, max: 3650 });
  if (leaverDays !== undefined) patch.leaverDays = leaverDays;
  const action = stringFlag(p, 'action');
  if (action !== undefined) {
    if (action !== 'remove' && action !== 'downgrade') throw new UsageError(`--action must be remove or downgrade, not "${action}".`, NAME);
    patch.action = action;
  }
  const name = stringFlag(p, 'name');
  if (name !== undefined) patch.name = name;
  if (Object.keys(patch).length === 0) throw new UsageError('Give at least one change, such as --threshold 90.', NAME);
  const rule = await ctx.call('rules:update', { ruleId, patch });
  if (p.values.json) printJson(rule);
  else say(`Updated rule "${rule.name}": ${rule.thresholdDays} days, ${rule.enabled ? 'enabled' : 'disabled'}, approval ${rule.reclaimWithoutApproval ? 'not required' : 'required'}, automatic reclaim ${rule.autoReclaim ? 'on' : 'off'}.\n`);
  return EXIT.ok;
}
