// A vitest reporter that closes the run with what CI and people need to read:
// which store engines ran the contract suite and which were skipped and why,
// then one plain line "Tests: N passed, N failed, N skipped".
import { rmSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';
import { verdictFile } from './engines.js';

const ENGINE_SUITE = /^store contract \[(\w+)\]/;
const SKIP_REASON = /\(skipped: (.*)\)$/;

interface EngineTally { passed: number; failed: number; skipped: number; reasons: Set<string>; skippedNames: string[] }

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const engines = new Map<string, EngineTally>();
    // a skip outside the engine suites is named, so no skip passes unnoticed
    const otherSkips: string[] = [];
    for (const mod of testModules) {
      let moduleFailed = 0;
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') { failed += 1; moduleFailed += 1; } else {
          skipped += 1;
          if (!ENGINE_SUITE.test(test.fullName)) otherSkips.push(`${mod.moduleId.replace(`${process.cwd()}/`, '')} > ${test.fullName}`);
        }
      }
      // a file that failed to load or in a hook has no failed test to show for it
      if (mod.state() === 'failed' && moduleFailed === 0) failed += 1;
      for (const suite of mod.children.allSuites()) {
        const engine = ENGINE_SUITE.exec(suite.name)?.[1];
        if (!engine) continue;
        const tally = engines.get(engine) ?? { passed: 0, failed: 0, skipped: 0, reasons: new Set<string>(), skippedNames: [] };
        engines.set(engine, tally);
        for (const test of suite.children.allTests()) {
          const state = test.result().state;
          if (state === 'passed') tally.passed += 1;
          else if (state === 'failed') tally.failed += 1;
          else {
            tally.skipped += 1;
            tally.skippedNames.push(test.fullName);
          }
        }
        const reason = SKIP_REASON.exec(suite.name)?.[1];
        if (reason) tally.reasons.add(reason);
      }
    }
    failed += unhandledErrors.length;
    const lines: string[] = [''];
    if (engines.size > 0) {
      lines.push('Store engines (contract suite):');
      for (const [name, t] of [...engines].sort()) {
        const ran = t.passed + t.failed > 0;
        const what = ran ? `ran: ${t.passed} passed, ${t.failed} failed` : 'SKIPPED';
        lines.push(`  ${name.padEnd(7)} ${what}${t.skipped > 0 ? `, ${t.skipped} skipped` : ''}${t.reasons.size > 0 ? ` — ${[...t.reasons].join('; ')}` : ''}`);
        // an engine that ran names each test it skipped (one that needs another engine), so no skip passes for a pass
        if (ran) for (const skippedName of t.skippedNames) lines.push(`          skipped: ${skippedName}`);
      }
    }
    if (otherSkips.length > 0) {
      lines.push('Other skipped tests (each skips because its condition does not hold on this machine):');
      for (const name of otherSkips) lines.push(`  ${name}`);
    }
    lines.push(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
    process.stdout.write(`${lines.join('\n')}\n`);
    // the probe verdict lived for this run only
    rmSync(verdictFile(process.pid), { force: true });
    rmSync(`${verdictFile(process.pid)}.lock`, { force: true });
  }
}
