/**
 * The import fences of eslint.config.js hold: planted imports, linted as if they sat at a path
 * inside the repository (so the config's `files` globs apply), are reported by
 * no-restricted-imports where a fence forbids them and pass where it allows them. Every planted
 * import names a real file, so a rename cannot turn a case into a vacuous pass.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const RULE = 'no-restricted-imports';

interface Planted {
  /** Where the planted file pretends to live, relative to the repository root. */
  file: string;
  /** The relative import it makes, or a bare module name. */
  from: string;
}

const denied: Planted[] = [
  // Connector product code never imports a simulator, a seed or the kit.
  { file: 'connectors/asana/planted.ts', from: './simulator/index.js' },
  { file: 'connectors/salesforce/planted.ts', from: './simulator/seed.js' },
  { file: 'connectors/asana/planted.ts', from: '../simulator-kit/index.js' },
  // Sync takes only reclamation's types, rules and recompute; reclamation takes nothing of sync but the connector opener.
  { file: 'main/sync/planted.ts', from: '../reclamation/service.js' },
  { file: 'main/sync/planted.ts', from: '../reclamation/candidates.js' },
  { file: 'main/reclamation/planted.ts', from: '../sync/pipeline.js' },
  { file: 'main/reclamation/planted.ts', from: '../sync/sync-service.js' },
  // main/ product code never starts a simulator, not even the entry points.
  { file: 'main/profiles/planted.ts', from: '../../connectors/asana/simulator/index.js' },
  { file: 'main/profiles/planted.ts', from: '../../connectors/simulator-kit/index.js' },
  { file: 'main/electron/planted.ts', from: '../../connectors/calendly/simulator/index.js' },
  { file: 'main/cli/commands/planted.ts', from: '../../../connectors/custom/simulator/index.js' },
  { file: 'main/sync/planted.ts', from: '../../connectors/asana/simulator/seed.js' },
  { file: 'main/reclamation/planted.ts', from: '../../connectors/salesforce/simulator/index.js' },
  // RPC handlers are wired by the app, not called from the services.
  { file: 'main/profiles/planted.ts', from: '../rpc/handlers/index.js' },
  { file: 'main/demo/planted.ts', from: '../rpc/handlers/index.js' },
  // The narrower groups keep the fences of main/ as a whole.
  { file: 'main/sync/planted.ts', from: 'electron' },
  { file: 'main/demo/planted.ts', from: 'electron' },
  { file: 'main/cli/commands/simulators.ts', from: 'electron' },
];

const allowed: Planted[] = [
  { file: 'connectors/asana/simulator/planted.ts', from: '../../simulator-kit/index.js' },
  { file: 'connectors/asana/simulator/planted.ts', from: '../api.js' },
  { file: 'connectors/simulator-kit/planted.ts', from: './rng.js' },
  { file: 'main/demo/planted.ts', from: '../../connectors/asana/simulator/index.js' },
  { file: 'main/demo/planted.ts', from: '../../connectors/calendly/simulator/seed.js' },
  { file: 'main/cli/commands/simulators.ts', from: '../../../connectors/salesforce/simulator/index.js' },
  { file: 'main/cli/commands/planted.ts', from: '../../demo/sources.js' },
  { file: 'main/electron/planted.ts', from: '../demo/sources.js' },
  { file: 'tests/integration/planted.test.ts', from: '../../connectors/asana/simulator/index.js' },
  { file: 'tests/bench/planted.ts', from: '../../connectors/simulator-kit/index.js' },
  { file: 'main/sync/planted.ts', from: '../reclamation/types.js' },
  { file: 'main/sync/planted.ts', from: '../reclamation/recompute.js' },
  { file: 'main/reclamation/planted.ts', from: '../sync/connection.js' },
  { file: 'main/cli/planted.ts', from: '../rpc/handlers/index.js' },
  { file: 'main/electron/planted.ts', from: 'electron' },
];

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot });
});

async function restrictions({ file, from }: Planted): Promise<string[]> {
  // A namespace import of electron would also take ipcRenderer, so the bare module (electron) gives one name.
  const what = from.startsWith('.') ? '* as planted' : '{ app as planted }';
  const [result] = await eslint.lintText(`import ${what} from '${from}';\nvoid planted;\n`, { filePath: path.join(repoRoot, file) });
  expect(result?.fatalErrorCount).toBe(0);
  return (result?.messages ?? []).filter((m) => m.ruleId === RULE).map((m) => m.message);
}

const label = ({ file, from }: Planted): string => `${file} importing ${from}`;

describe('import directions', () => {
  it.each([...denied, ...allowed].filter((p) => p.from.startsWith('.')).map((p) => [label(p), p] as const))('%s names a real file', (_, { file, from }) => {
    expect(fs.existsSync(path.join(repoRoot, path.dirname(file), from.replace(/\.js$/, '.ts')))).toBe(true);
  });

  it.each(denied.map((p) => [label(p), p] as const))('%s is reported', async (_, planted) => {
    expect(await restrictions(planted)).toHaveLength(1);
  });

  it.each(allowed.map((p) => [label(p), p] as const))('%s passes', async (_, planted) => {
    expect(await restrictions(planted)).toEqual([]);
  });
});
