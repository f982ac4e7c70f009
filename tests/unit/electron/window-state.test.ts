import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  clampToDisplays,
  DEFAULT_WINDOW_STATE,
  loadWindowState,
  parseWindowState,
  saveWindowState,
  WINDOW_STATE_FILE,
  type Rect,
} from '../../../main/electron/window-state.js';

const laptop: Rect = { x: 0, y: 0, width: 1440, height: 900 };
const external: Rect = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('parseWindowState', () => {
  it('falls back to defaults for junk', () => {
    expect(parseWindowState(null)).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState('x')).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState({ width: -5, height: Number.NaN, x: 'a', y: 1 })).toEqual(DEFAULT_WINDOW_STATE);
  });
  it('keeps valid values', () => {
    expect(parseWindowState({ x: 10, y: 20, width: 1000, height: 700, maximized: true })).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: true });
  });
});

describe('clampToDisplays', () => {
  it('keeps a window that is on screen', () => {
    const state = { x: 100, y: 50, width: 1200, height: 800, maximized: false };
    expect(clampToDisplays(state, [laptop])).toEqual(state);
  });
  it('keeps a window on the second display', () => {
    const state = { x: 1600, y: 100, width: 1600, height: 1000, maximized: false };
    expect(clampToDisplays(state, [laptop, external])).toEqual(state);
  });
  it('centres a window whose display is gone', () => {
    const clamped = clampToDisplays({ x: 1600, y: 100, width: 1600, height: 1000, maximized: true }, [laptop]);
    expect(clamped.x).toBeUndefined();
    expect(clamped.y).toBeUndefined();
    expect(clamped.width).toBeLessThanOrEqual(laptop.width);
    expect(clamped.height).toBeLessThanOrEqual(laptop.height);
    expect(clamped.maximized).toBe(true);
  });
  it('pulls a window hanging off the edge fully onto the display and shrinks it to fit', () => {
    const clamped = clampToDisplays({ x: 1000, y: -50, width: 3000, height: 2000, maximized: false }, [laptop]);
    expect(clamped).toEqual({ x: 0, y: 0, width: 1440, height: 900, maximized: false });
  });
  it('leaves the state alone when no display is known', () => {
    const state = { x: 5, y: 5, width: 10, height: 10, maximized: false };
    expect(clampToDisplays(state, [])).toEqual(state);
  });
});

describe('window state file', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('round-trips, and a damaged file gives the defaults', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'seatwise-window-'));
    expect(await loadWindowState(dir)).toEqual(DEFAULT_WINDOW_STATE);
    const state = { x: 1, y: 2, width: 1000, height: 700, maximized: false };
    await saveWindowState(dir, state);
    expect(await loadWindowState(dir)).toEqual(state);
    expect(JSON.parse(await readFile(path.join(dir, WINDOW_STATE_FILE), 'utf8'))).toEqual(state);
    await writeFile(path.join(dir, WINDOW_STATE_FILE), '{"width": 10', 'utf8');
    expect(await loadWindowState(dir)).toEqual(DEFAULT_WINDOW_STATE);
  });
});
