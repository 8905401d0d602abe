import type { Reporter, TestCase, TestModule, TestSuite } from 'vitest/node';

export interface SummaryCounts {
  passed: number;
  failed: number;
  skipped: number;
}

/** Whether the suite or file, or one around it, failed on its own (a hook, an import). */
function brokenAround(test: TestCase): boolean {
  for (let parent: TestSuite | TestModule = test.parent; ; parent = parent.parent) {
    if (parent.errors().length > 0) return true;
    if (parent.type === 'module') return false;
  }
}

/**
 * The counts behind the summary line. A test counts as failed when it failed, and also when it
 * was meant to run but did not pass because its suite or file failed around it (a failed
 * `beforeAll`, `afterAll` or import). A suite or file that failed with no such test to blame (an
 * import error before any test was collected, an `afterAll` after passing tests) counts as one
 * failure; so does each error outside any test, and a run that failed with nothing else to
 * blame (a global setup that threw) never says "0 failed".
 */
export function summarise(
  modules: ReadonlyArray<TestModule>,
  unhandledErrors: ReadonlyArray<unknown>,
  reason: 'passed' | 'interrupted' | 'failed' = 'passed',
): SummaryCounts {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const mod of modules) {
    const blamed = new Set<TestSuite | TestModule>();
    for (const test of mod.children.allTests()) {
      const state = test.result().state;
      if (state === 'passed') passed++;
      else if (state === 'failed') failed++;
      else if (test.options.mode === 'run' && brokenAround(test)) {
        failed++;
        for (let p: TestSuite | TestModule = test.parent; ; p = p.parent) {
          if (p.errors().length > 0) blamed.add(p);
          if (p.type === 'module') break;
        }
      } else skipped++;
    }
    for (const suite of [mod, ...mod.children.allSuites()]) {
      if (suite.errors().length > 0 && !blamed.has(suite)) failed++;
    }
  }
  failed += unhandledErrors.length;
  // A run that failed for a reason no test or suite carries (a failed global setup) is one failure.
  if (reason !== 'passed' && failed === 0) failed = 1;
  return { passed, failed, skipped };
}

/** Prints one plain closing line CI can read: `vitest: N passed, N failed, N skipped`. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(
    modules: ReadonlyArray<TestModule>,
    errors: ReadonlyArray<unknown>,
    reason: 'passed' | 'interrupted' | 'failed',
  ) {
    const { passed, failed, skipped } = summarise(modules, errors, reason);
    process.stdout.write(`\nvitest: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
