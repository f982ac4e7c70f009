#!/usr/bin/env node
// The published entry of the `seatwise` command: the bundled CLI, built by `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('seatwise: not built yet. Run "npm run build" first.\n');
  process.exit(1);
}
await import(cli);
