/**
 * A damaged field in seatwise.json stops the built `seatwise` at start with the file, the path
 * and what was expected (it once opened, then failed with "rules.filter is not a function"),
 * and the file is left byte for byte as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { fixtureRoot } from '../../unit/store/fixtures.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('seatwise with a damaged data file', () => {
  it('rules list with "rules": "oops" names the file and the field, and leaves the file as it was', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const file = path.join(dir, 'seatwise.json');
    const text = JSON.stringify({ ...fixtureRoot(), rules: 'oops' }, null, 2);
    fs.writeFileSync(file, text);
    const result = await runCli(['rules', 'list'], { dataDir: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Seatwise cannot read its data file ${file}: "rules" is not a list (found a string).`);
    expect(result.stderr).toContain('The file was left exactly as it is.');
    expect(result.stderr).not.toMatch(/is not a function/);
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
  });
});
