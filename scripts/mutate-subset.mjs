#!/usr/bin/env node
// The fast subset of the test suite that `npm run mutate` (Stryker's command
// runner) runs for every mutant: the tests of the rules and of the fixes,
// in this one process, with the CLI called in process from src
// (HOOKLINT_TEST_IN_PROCESS=1, see test/helpers.ts), so no build is needed
// and a mutant of src/ is what runs. Left out: the corpus walks, the
// executable's own tests and the integrations (npm test runs them).
// Run: node --import tsx --test-reporter=./scripts/bail-reporter.mjs scripts/mutate-subset.mjs
// (the reporter ends the run at the first failing test).
// Properties run 50 times each here (npm test: 300, fixed seeds either way), which
// halves a mutant's run; HOOKLINT_FUZZ_RUNS set by the caller wins.
process.env.HOOKLINT_TEST_IN_PROCESS = '1';
process.env.HOOKLINT_FUZZ_RUNS ??= '50';
export const SUBSET = ['fixtures', 'rules', 'docs', 'fix-engine', 'edits', 'fix', 'fix-golden', 'fix-layout'];
for (const name of SUBSET) await import(`../test/${name}.test.ts`);
