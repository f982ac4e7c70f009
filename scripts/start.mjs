#!/usr/bin/env node
// `npm start`: opens the desktop window on the demo organisation where the Electron binary
// is installed, and otherwise runs the browser host (`seatwise demo`) and prints its URL.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const extra = process.argv.slice(2);

if (!existsSync('out/main/cli.js')) {
  const built = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

const electron = electronBinary();
const [command, args] = electron ? [electron, ['.', '--demo', ...extra]] : [process.execPath, ['bin/seatwise.js', 'demo', ...extra]];
if (!electron) console.log('No Electron binary here: starting Seatwise in the browser instead.\n');
const child = spawn(command, args, { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
