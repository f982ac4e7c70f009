import { intFlag, parse } from '../args.js';
import type { Command } from '../command.js';

const NAME = 'demo';

export const demoCommand: Command = {
  name: NAME,
  summary: 'Start the demo organisation (simulated Asana, Salesforce, Calendly, Microsoft 365, GitHub Copilot, Zoom and a SCIM app, "Figma via SCIM") and open Seatwise on it',
  usage: [
    'seatwise demo [--port N] [--no-open]',
    '',
    'Its data folder is its own ("Seatwise Demo" beside the default one) unless --data-dir or SEATWISE_DATA_DIR names one.',
  ].join('\n'),
  examples: ['seatwise demo', 'seatwise --data-dir /tmp/seatwise-demo demo --no-open'],
  access: () => 'create',
  async run(ctx, argv) {
    const p = parse(NAME, argv, { port: { type: 'string' }, 'no-open': { type: 'boolean' } });
    const port = intFlag(p, 'port', NAME, { min: 0, max: 65535 });
    const [{ demoSources }, { startDemo }, { KeytarSecretStore }, { MemoryOverlaySecretStore }, { serveUntilStopped }] = await Promise.all([
      import('../../demo/sources.js'),
      import('../../demo/demo.js'),
      import('../../vault/keytar-store.js'),
      import('../../vault/memory-overlay-store.js'),
      import('./serve.js'),
    ]);
    const vault = new MemoryOverlaySecretStore(new KeytarSecretStore());
    const app = await ctx.openApp({ vault, demo: true });
    const demo = await startDemo(app, vault, demoSources);
    try {
      return await serveUntilStopped(app, {
        port,
        open: p.values['no-open'] !== true,
        banner: `Demo organisation: ${demo.profiles.join(', ')} (local simulators, no vendor account needed).\nData folder: ${ctx.dataDir}`,
      });
    } finally {
      await demo.close();
    }
  },
};
