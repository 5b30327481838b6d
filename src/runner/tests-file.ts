import { readFileSync } from 'node:fs';
import { validateTests } from '../generated/tests-validator.js';
import { findNodeAtLocation, getNodeValue, type Node } from 'jsonc-parser';
import { EVENT_NAMES } from '../model/catalog.js';
import { parseDocument } from '../formats/parse.js';
import { LineIndex } from '../formats/positions.js';
import { HooklintError } from '../lint/lint.js';

/** The file name of a test file, beside the configs it tests (project or plugin root). */
export const TESTS_FILE = 'hooklint.tests.json';

/** What a test expects (every given key must hold). */
export interface TestExpect {
  /** `block`, `allow` (an explicit allow or no decision: the action goes ahead), `ask` or `defer`. */
  decision?: 'block' | 'allow' | 'ask' | 'defer';
  /** Text the additional context (or, on events that read it, plain stdout) must contain. */
  context?: string;
  /** Text the hooks' stderr must contain. */
  stderr?: string;
  /** The exit code every hook that ran must have. */
  exitCode?: number;
  /** The longest the hooks may take together, milliseconds (they run in parallel, as in Claude Code). */
  maxMs?: number;
}

/** One test of a `hooklint.tests.json`. */
export interface HookTest {
  name: string;
  event: string;
  /** Merged over the generated payload (top-level keys replace the generated ones). */
  input?: Record<string, unknown>;
  expect: TestExpect;
  /** The test's object in the file, for positions. */
  node: Node;
  /** The node a failure is reported at: the test's `name` value. */
  at: Node;
}

/** A loaded test file. */
export interface TestsFile {
  path: string;
  text: string;
  lines: LineIndex;
  tests: HookTest[];
}

/**
 * The JSON Schema of `hooklint.tests.json` (written to
 * schemas/hooklint.tests.schema.json by `npm run gen`), with the event names
 * of the catalog.
 */
export function testsSchema(): object {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://hooklint.dev/schemas/hooklint.tests.schema.json',
    title: 'hooklint test file (hooklint.tests.json)',
    description: 'Tests that `hooklint test` runs against the hooks configured beside this file (the project or plugin root).',
    type: 'object',
    additionalProperties: false,
    required: ['tests'],
    properties: {
      $schema: { type: 'string' },
      tests: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'event', 'expect'],
          properties: {
            name: { type: 'string', minLength: 1, description: 'What the test checks; shown in reports.' },
            event: { enum: [...EVENT_NAMES], description: 'The hook event to fire; every handler of it whose matcher (and "if") accepts the input runs.' },
            input: { type: 'object', description: 'Fields merged over the generated payload, e.g. {"tool_name": "Bash", "tool_input": {"command": "rm -rf /"}}.' },
            expect: {
              type: 'object',
              additionalProperties: false,
              minProperties: 1,
              properties: {
                decision: { enum: ['block', 'allow', 'ask', 'defer'], description: 'What the hooks decide together: block (exit 2, deny, decision "block", continue false), allow (explicit allow, or no decision), ask, defer.' },
                context: { type: 'string', description: 'Text the additional context must contain.' },
                stderr: { type: 'string', description: 'Text the hooks\' stderr must contain.' },
                exitCode: { type: 'integer', description: 'The exit code every hook that ran must have.' },
                maxMs: { type: 'number', exclusiveMinimum: 0, description: 'The longest the hooks may take, milliseconds.' },
              },
            },
          },
        },
      },
    },
  };
}

/**
 * Read and validate a test file (JSONC: comments and trailing commas allowed).
 * @throws HooklintError with `path:line:col: problem` when it does not parse or fails the schema.
 */
export function loadTestsFile(path: string): TestsFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new HooklintError(`${path}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const doc = parseDocument(text);
  const lines = new LineIndex(text);
  const at = (offset: number) => {
    const p = lines.position(offset);
    return `${path}:${p.line}:${p.column}`;
  };
  if (doc.syntaxErrors.length > 0 || !doc.root) {
    const e = doc.syntaxErrors[0];
    throw new HooklintError(`${e ? at(e.offset) : path}: ${e?.message ?? 'not a JSON object'}`);
  }
  const value = getNodeValue(doc.root) as unknown;
  if (!validateTests(value)) {
    const err = validateTests.errors![0]!;
    const segments = err.instancePath.split('/').slice(1).map((s: string) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
    const node = findNodeAtLocation(doc.root, segments) ?? doc.root;
    const extra = err.params && 'additionalProperty' in err.params ? ` ("${String(err.params.additionalProperty)}")` : err.params && 'allowedValues' in err.params ? ` (${(err.params.allowedValues as string[]).slice(0, 8).join(', ')}, ...)` : '';
    throw new HooklintError(`${at(node.offset)}: ${err.instancePath || 'the file'} ${err.message}${extra}`);
  }
  const tests = (value as { tests: Omit<HookTest, 'node' | 'at'>[] }).tests.map((t, i) => {
    const node = findNodeAtLocation(doc.root!, ['tests', i])!;
    return { ...t, node, at: findNodeAtLocation(node, ['name']) ?? node };
  });
  return { path, text, lines, tests };
}
