#!/usr/bin/env node
// `npm run fuzz`: the property tests (fast-check) with a random seed and many more runs
// than `npm test`, which keeps each property's fixed seed. HOOKLINT_FUZZ_SEED (a 32-bit
// integer) and HOOKLINT_FUZZ_RUNS (runs per property, default 10,000) choose them; the
// seed is printed first, and a failing property prints the values that repeat it.
// Usage: npm run fuzz [-- test/file.test.ts ...]
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';

const PROPERTY_FILES = ['test/fix-layout.test.ts', 'test/fix-safety.test.ts', 'test/fix-golden.test.ts', 'test/hostile.test.ts', 'test/schemas.test.ts'];
const seed = process.env.HOOKLINT_FUZZ_SEED ?? String(randomInt(-(2 ** 31), 2 ** 31));
const runs = process.env.HOOKLINT_FUZZ_RUNS ?? '10000';
const files = process.argv.length > 2 ? process.argv.slice(2) : PROPERTY_FILES;
console.log(`fuzz: seed ${seed}, ${runs} runs per property (repeat: HOOKLINT_FUZZ_SEED=${seed} HOOKLINT_FUZZ_RUNS=${runs} npm run fuzz)`);
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...files], { stdio: 'inherit', env: { ...process.env, HOOKLINT_FUZZ_SEED: seed, HOOKLINT_FUZZ_RUNS: runs } });
process.exit(r.status ?? 1);
