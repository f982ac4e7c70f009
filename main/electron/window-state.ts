/**
 * The main window's size and place, kept in `<dataDir>/window-state.json` between runs.
 * A saved place on a monitor that is gone (or moved) is pulled back onto a visible display,
 * so the window never opens off screen. Pure except for the two file helpers.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Absent: let the OS centre the window. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };
export const MIN_SIZE = { width: 900, height: 600 };
/** Of the window, at least this much must fall on a display for its place to be kept. */
const MIN_VISIBLE = { width: 120, height: 80 };

export const WINDOW_STATE_FILE = 'window-state.json';
let saveCounter = 0;

export function parseWindowState(raw: unknown): WindowState {
  if (typeof raw !== 'object' || raw === null) return { ...DEFAULT_WINDOW_STATE };
  const r = raw as Record<string, unknown>;
  const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : undefined);
  const width = num(r.width);
  const height = num(r.height);
  const x = num(r.x);
  const y = num(r.y);
  const state: WindowState = {
    width: width !== undefined && width > 0 ? width : DEFAULT_WINDOW_STATE.width,
    height: height !== undefined && height > 0 ? height : DEFAULT_WINDOW_STATE.height,
    maximized: r.maximized === true,
  };
  if (x !== undefined && y !== undefined) {
    state.x = x;
    state.y = y;
  }
  return state;
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

/**
 * Fits the saved state to the displays' work areas: the size never exceeds the display it is
 * on, and a window mostly off screen loses its place (and is centred) rather than hiding.
 */
export function clampToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  const first = workAreas[0];
  if (!first) return state;
  const largest = workAreas.reduce((a, b) => (a.width * a.height >= b.width * b.height ? a : b), first);
  const fit = (size: { width: number; height: number }, area: Rect): { width: number; height: number } => ({
    width: Math.min(Math.max(size.width, Math.min(MIN_SIZE.width, area.width)), area.width),
    height: Math.min(Math.max(size.height, Math.min(MIN_SIZE.height, area.height)), area.height),
  });

  if (state.x === undefined || state.y === undefined) {
    return { ...fit(state, largest), maximized: state.maximized };
  }
  const rect: Rect = { x: state.x, y: state.y, width: state.width, height: state.height };
  let best: Rect | undefined;
  let bestArea = 0;
  for (const area of workAreas) {
    const o = overlap(rect, area);
    if (o.width >= MIN_VISIBLE.width && o.height >= MIN_VISIBLE.height && o.width * o.height > bestArea) {
      best = area;
      bestArea = o.width * o.height;
    }
  }
  if (!best) return { ...fit(state, largest), maximized: state.maximized };
  const size = fit(state, best);
  const x = Math.min(Math.max(state.x, best.x), best.x + best.width - size.width);
  const y = Math.min(Math.max(state.y, best.y), best.y + best.height - size.height);
  return { x, y, ...size, maximized: state.maximized };
}

export async function loadWindowState(dataDir: string): Promise<WindowState> {
  try {
    return parseWindowState(JSON.parse(await readFile(path.join(dataDir, WINDOW_STATE_FILE), 'utf8')));
  } catch {
    // Missing or damaged: it is only a window position, so start with the default.
    return { ...DEFAULT_WINDOW_STATE };
  }
}

/** Written to a temporary file and renamed, so a crash mid-write never leaves half a file. */
export async function saveWindowState(dataDir: string, state: WindowState): Promise<void> {
  const file = path.join(dataDir, WINDOW_STATE_FILE);
  // A unique name per write: a debounced save and the save on close may overlap.
  const temp = `${file}.${process.pid}.${++saveCounter}.tmp`;
  await mkdir(dataDir, { recursive: true });
  await writeFile(temp, JSON.stringify(state, null, 2) + '\n', 'utf8');
  await rename(temp, file);
}
