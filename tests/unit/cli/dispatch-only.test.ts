/**
 * The CLI reaches the services only through dispatch(), like IPC and the browser host: its
 * commands name contract methods (ctx.call) and never reach into the app's services or store.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMethodName } from '../../../preload/contract.js';

const DIR = path.resolve('main/cli/commands');
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.ts'));
const source = (f: string): string => fs.readFileSync(path.join(DIR, f), 'utf8');

/** connect.ts builds a ConnectionService for the one call the contract cannot carry: a sign-in with the terminal's own browser opener. */
const SERVICE_ACCESS = /\bapp\.(service|store|profiles|sync|reclamation|scheduler)\b/;

describe('the CLI goes through dispatch', () => {
  it.each(files)('%s calls services only through ctx.call', (file) => {
    const text = source(file);
    const lines = text.split('\n').filter((line) => SERVICE_ACCESS.test(line));
    if (file === 'connect.ts') expect(lines.every((l) => l.includes('new ConnectionService'))).toBe(true);
    else expect(lines).toEqual([]);
  });

  it('lists, per command file, the contract methods it calls, every one a real method', () => {
    const calls: Record<string, string[]> = {};
    for (const file of files) {
      const names = [...source(file).matchAll(/ctx\.call\('([^']+)'/g)].map((m) => m[1]!);
      if (names.length) calls[file.replace(/\.ts$/, '')] = [...new Set(names)].sort();
    }
    for (const names of Object.values(calls)) for (const name of names) expect(isMethodName(name), name).toBe(true);
    expect(calls).toMatchObject({
      sync: expect.arrayContaining(['profiles:list', 'sync:run', 'sync:cancel']),
      profiles: expect.arrayContaining(['profiles:create', 'connection:setSecret', 'profiles:publish', 'profiles:remove', 'profiles:update']),
      reclaim: expect.arrayContaining(['reclaim:plan', 'reclaim:run', 'reclaim:undo']),
      rules: expect.arrayContaining(['rules:list', 'rules:update']),
    });
  });
});
