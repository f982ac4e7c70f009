/**
 * The JSON every command prints is documented in docs/cli-json.md, generated from the schemas
 * in main/cli/json-shapes.ts: the page is the snapshot. After a change to a schema, refresh it
 * with `npm run docs:cli-json` and read the diff.
 */
import { describe, expect, it } from 'vitest';
import { allCommands } from '../../../main/cli/index.js';
import { JSON_SHAPES, jsonShapesMarkdown } from '../../../main/cli/json-shapes.js';

describe('the --json shapes', () => {
  it('docs/cli-json.md is the page generated from the schemas', async () => {
    await expect(jsonShapesMarkdown()).toMatchFileSnapshot('../../../docs/cli-json.md');
  });

  it('documents every command whose usage offers --json', () => {
    const documented = new Set(JSON_SHAPES.map((s) => s.command.split(' ')[0]));
    const offering = allCommands()
      .filter((c) => c.usage.includes('--json'))
      .map((c) => c.name);
    expect(offering.length).toBeGreaterThan(10);
    for (const name of offering) expect(documented, name).toContain(name);
  });

  it('every list command has --json', () => {
    const lists = ['profiles list', 'candidates [PROFILE', 'rules list', 'exclusions list', 'entitlements list', 'notices [PROFILE', 'jobs [PROFILE', 'audit [', 'reconciliation [PROFILE', 'simulators ['];
    const usages = allCommands().flatMap((c) => c.usage.split('\n'));
    for (const start of lists) {
      const line = usages.find((l) => l.startsWith(`seatwise ${start}`));
      expect(line, start).toBeDefined();
      expect(line, start).toContain('--json');
    }
  });
});
