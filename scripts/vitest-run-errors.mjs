// A vitest reporter: what the run's summary says beside the tests, written for scripts/test.mjs.
import { mkdirSync, writeFileSync } from 'node:fs';

export default class RunErrorsReporter {
  onTestRunEnd(testModules, unhandledErrors) {
    mkdirSync('test-results', { recursive: true });
    writeFileSync(
      'test-results/vitest-run-errors.json',
      JSON.stringify({
        errors: unhandledErrors.map((e) => ({ message: String(e?.message ?? e), cause: String(e?.cause?.message ?? '') })),
        modules: testModules.map((m) => ({ file: m.moduleId, state: m.state() })),
      }),
    );
  }
}
