/**
 * The Audit screen's logic, pure: the words for each action, the kinds the filter offers,
 * the text search, and before→after as a list of changed fields.
 */
import type { Tone } from '../../lib/status.js';
import type { MethodOutput } from '../../types.js';

export type AuditEvent = MethodOutput<'audit:list'>[number];

/** The part of an action before the dot: "rule.changed" is of kind "rule". */
export function kindOf(action: string): string {
  const dot = action.indexOf('.');
  return dot < 0 ? action : action.slice(0, dot);
}

const KIND_LABELS: Record<string, string> = {
  reclaim: 'Reclaims',
  candidate: 'Candidate decisions',
  rule: 'Rules',
  exclusion: 'Exclusions',
  entitlement: 'Entitlements',
  connection: 'Connections',
  profile: 'Integrations',
};

const ACTION_LABELS: Record<string, string> = {
  'reclaim.seat': 'Seat reclaimed',
  'reclaim.failed': 'Reclaim failed',
  'reclaim.undo': 'Reclaim undone',
  'candidate.approved': 'Candidate approved',
  'candidate.rejected': 'Candidate rejected',
  'candidate.reopened': 'Candidate reopened',
  'rule.changed': 'Rule changed',
  'exclusion.added': 'Exclusion added',
  'exclusion.removed': 'Exclusion removed',
  'entitlement.set': 'Entitlement set',
  'connection.connected': 'Signed in',
  'connection.disconnected': 'Disconnected',
  'connection.secret_set': 'Credential stored',
  'connection.attempt_failed': 'Connection attempt failed',
  'connection.org_added': 'Organisation added',
  'connection.org_removed': 'Organisation removed',
  'profile.created': 'Integration created',
  'profile.published': 'Integration published',
  'profile.removed': 'Integration removed',
};

function humanize(text: string): string {
  const words = text.replace(/[._-]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : text;
}

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? humanize(kind);
}

/** "rule.changed" reads "Rule changed"; an action this version does not know is humanized. */
export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? humanize(action);
}

export function actionTone(action: string): Tone {
  if (action === 'reclaim.seat') return 'success';
  if (action === 'reclaim.failed' || action === 'connection.attempt_failed') return 'danger';
  if (action === 'reclaim.undo' || action === 'profile.removed' || action === 'connection.disconnected') return 'warning';
  if (kindOf(action) === 'candidate') return 'info';
  return 'neutral';
}

/** The kinds present in the log with their counts, in the order of KIND_LABELS, then by name. */
export function kindsOf(events: readonly AuditEvent[]): Array<{ kind: string; label: string; count: number }> {
  const counts = new Map<string, number>();
  for (const event of events) counts.set(kindOf(event.action), (counts.get(kindOf(event.action)) ?? 0) + 1);
  const order = Object.keys(KIND_LABELS);
  const rank = (kind: string): number => (order.includes(kind) ? order.indexOf(kind) : order.length);
  return [...counts.entries()]
    .map(([kind, count]) => ({ kind, label: kindLabel(kind), count }))
    .sort((a, b) => rank(a.kind) - rank(b.kind) || a.label.localeCompare(b.label));
}

export interface AuditFilter {
  /** '' is every kind. */
  kind: string;
  search: string;
}

/** Everything a search can match, lower-cased once per event. */
export function haystack(event: AuditEvent, profileName: string | undefined): string {
  const parts = [event.actor, event.action, actionLabel(event.action), event.target, event.message, profileName, event.profileId];
  if (event.before !== undefined) parts.push(JSON.stringify(event.before));
  if (event.after !== undefined) parts.push(JSON.stringify(event.after));
  return parts.filter(Boolean).join('\n').toLowerCase();
}

/** Newest first, then the kind and every word of the search (all must match, in any field). */
export function filterEvents(events: readonly AuditEvent[], filter: AuditFilter, names: ReadonlyMap<string, string> = new Map()): AuditEvent[] {
  const words = filter.search.toLowerCase().split(/\s+/).filter(Boolean);
  const out: AuditEvent[] = [];
  for (const event of events) {
    if (filter.kind && kindOf(event.action) !== filter.kind) continue;
    if (words.length) {
      const text = haystack(event, event.profileId ? names.get(event.profileId) : undefined);
      if (!words.every((word) => text.includes(word))) continue;
    }
    out.push(event);
  }
  // ISO 8601 UTC instants sort as strings; the log is already newest first, this makes sure.
  return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
  changed: boolean;
}

function show(value: unknown): string | null {
  if (value === undefined) return null;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * before→after per field: objects are compared key by key (a key only on one side shows as
 * added or removed); anything else is one "value" row. Empty when the event has neither.
 */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  if (before === undefined && after === undefined) return [];
  if ((before === undefined || isRecord(before)) && (after === undefined || isRecord(after))) {
    const b = (before ?? {}) as Record<string, unknown>;
    const a = (after ?? {}) as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    return keys.map((field) => {
      const from = show(b[field]);
      const to = show(a[field]);
      return { field, before: from, after: to, changed: from !== to };
    });
  }
  const from = show(before);
  const to = show(after);
  return [{ field: 'value', before: from, after: to, changed: from !== to }];
}

export const PAGE_SIZE = 50;

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}
