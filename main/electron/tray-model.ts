/**
 * What the tray (menu-bar) icon shows: a tooltip with the state of the last runs and the
 * context menu's items. Pure (no Electron import), so it is unit-tested without an Electron
 * binary; tray.ts turns the model into a Tray and a Menu.
 */
import type { JobResult } from '../../preload/contract.js';

export interface TrayProfile {
  id: string;
  name: string;
  status: 'draft' | 'published';
}

export type TrayAction = 'open' | 'syncAll' | 'quit';

export type TrayItem =
  | { type: 'action'; action: TrayAction; label: string; enabled: boolean }
  | { type: 'status'; profileId: string; label: string }
  | { type: 'separator' };

export interface TrayModel {
  tooltip: string;
  items: TrayItem[];
}

/** Windows cuts tray tooltips at 127 characters. */
const MAX_TOOLTIP = 127;
const MAX_STATUS_LINES = 10;

/**
 * @param profiles every profile (drafts are left out: they never run)
 * @param jobs job results, newest first (as the store and `jobs:list` keep them); the first per profile counts
 */
export function trayMenuModel(profiles: readonly TrayProfile[], jobs: readonly JobResult[], now: Date): TrayModel {
  const published = profiles.filter((p) => p.status === 'published');
  const latest = new Map<string, JobResult>();
  for (const job of jobs) if (!latest.has(job.profileId)) latest.set(job.profileId, job);

  const lines = published.map((p) => ({ profileId: p.id, label: statusLine(p.name, latest.get(p.id), now) }));
  const shown = lines.slice(0, MAX_STATUS_LINES);
  const items: TrayItem[] = [
    { type: 'action', action: 'open', label: 'Open Seatwise', enabled: true },
    { type: 'action', action: 'syncAll', label: 'Sync all now', enabled: published.length > 0 },
    { type: 'separator' },
  ];
  if (shown.length === 0) items.push({ type: 'status', profileId: '', label: 'No published integrations yet' });
  for (const line of shown) items.push({ type: 'status', ...line });
  if (lines.length > shown.length) items.push({ type: 'status', profileId: '', label: `and ${lines.length - shown.length} more…` });
  items.push({ type: 'separator' }, { type: 'action', action: 'quit', label: 'Quit', enabled: true });

  return { tooltip: tooltip(published, latest, lines.map((l) => l.label)), items };
}

/** "Asana: ok, 2 min ago", "Asana: failed, 1 h ago", "Asana: syncing…", "Asana: never synced". */
export function statusLine(name: string, job: JobResult | undefined, now: Date): string {
  if (!job) return `${name}: never synced`;
  if (job.state === 'running') return `${name}: syncing…`;
  if (job.state === 'queued') return `${name}: waiting to sync`;
  const word = job.state === 'succeeded' ? 'ok' : job.state;
  return `${name}: ${word}, ${ago(new Date(job.finishedAt ?? job.startedAt), now)}`;
}

/** "just now", "5 min ago", "3 h ago", "2 days ago". */
export function ago(then: Date, now: Date): string {
  const seconds = Math.max(0, Math.floor((now.getTime() - then.getTime()) / 1000));
  if (!Number.isFinite(seconds)) return 'at an unknown time';
  if (seconds < 60) return 'just now';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  return `${days} ${days === 1 ? 'day' : 'days'} ago`;
}

function tooltip(published: readonly TrayProfile[], latest: ReadonlyMap<string, JobResult>, lines: string[]): string {
  if (published.length === 0) return 'Seatwise';
  const states = published.map((p) => latest.get(p.id)?.state);
  const syncing = states.filter((s) => s === 'running' || s === 'queued').length;
  const failed = states.filter((s) => s === 'failed').length;
  const summary = syncing > 0 ? `syncing ${syncing}` : failed > 0 ? `${failed} failed` : 'all ok';
  const full = [`Seatwise: ${summary}`, ...lines].join('\n');
  return full.length <= MAX_TOOLTIP ? full : `${full.slice(0, MAX_TOOLTIP - 1)}…`;
}

/**
 * Whether closing the window may leave Seatwise in the tray. Windows and macOS always have one;
 * on Linux the icon needs a StatusNotifier host, which stock GNOME Shell lacks, so Seatwise
 * would keep running with nothing on screen to bring it back.
 */
export function platformHasTray(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): boolean {
  if (platform !== 'linux') return true;
  const desktop = `${env.XDG_CURRENT_DESKTOP ?? ''}:${env.DESKTOP_SESSION ?? ''}`;
  if (desktop === ':') return false; // no desktop session at all (a bare X server, a kiosk)
  return !/gnome/i.test(desktop) || /unity|ubuntu|budgie|pop/i.test(desktop);
}
