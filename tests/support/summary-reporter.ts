import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints the plain "N passed, N failed" closing line CI reads, after vitest's own summary, and names
 * every test that passed only when run again, so a flaky test is seen rather than hidden.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const flaky: string[] = [];
    for (const m of modules) {
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
        if (state === 'passed' && t.diagnostic()?.flaky) {
          const error = t.result().errors?.[0];
          const at = error?.stacks?.find((f) => f.file.includes('/tests/'));
          const first = error ? `${error.message.split('\n')[0]}${at ? ` (${at.file.replace(process.cwd() + '/', '')}:${at.line})` : ''}` : '';
          flaky.push(`${m.moduleId.replace(process.cwd() + '/', '')} > ${t.fullName}${first ? ` — first run: ${first}` : ''}`);
        }
      }
      if (m.state() === 'failed' && [...m.children.allTests()].length === 0) failed++;
    }
    for (const f of flaky) process.stdout.write(`\npassed on its second run (flaky): ${f}`);
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped${flaky.length ? ` (${flaky.length} flaky)` : ''}\n`);
  }
}
