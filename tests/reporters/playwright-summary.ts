import type { FullResult, Reporter, TestCase, TestError, TestResult } from '@playwright/test/reporter';

/**
 * Prints one plain closing line CI can read: `playwright: N passed, N failed, N skipped`.
 * An error outside any test (a failed global setup, a web server that did not start, a worker
 * that crashed) counts as a failure, and a run that did not pass never says "0 failed".
 */
export default class SummaryReporter implements Reporter {
  private passed = 0;
  private failed = 0;
  private skipped = 0;
  private errors = 0;

  onTestEnd(test: TestCase, result: TestResult) {
    if (result.retry < test.retries && result.status !== 'passed' && result.status !== 'skipped') return;
    if (result.status === 'passed') this.passed++;
    else if (result.status === 'skipped') this.skipped++;
    else this.failed++;
  }

  onError(_error: TestError) {
    this.errors++;
  }

  onEnd(result: FullResult) {
    let failed = this.failed + this.errors;
    if (result.status !== 'passed' && failed === 0) failed = 1;
    process.stdout.write(`\nplaywright: ${this.passed} passed, ${failed} failed, ${this.skipped} skipped\n`);
  }

  printsToStdio() {
    return false;
  }
}
