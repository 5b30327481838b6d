import { createRequire } from 'node:module';
import type * as TreeSitter from '@vscode/tree-sitter-wasm';

/**
 * The Ruby parser: tree-sitter's Ruby grammar compiled to WebAssembly, with
 * its web-tree-sitter runtime, both from `@vscode/tree-sitter-wasm` (kept by
 * the VS Code team, MIT, no dependencies, no install script, no native addon;
 * runtime and grammar are built together, so their ABI always matches).
 *
 * WebAssembly starts asynchronously while the lint is synchronous, so the
 * parser is loaded ahead of the analysis: `loadRuby()` (a promise, once per
 * process) is awaited by the callers that lint (the node layer, the language
 * server) when a lint met a Ruby script (`rubyMisses()` counts the times the
 * analysis asked for Ruby before it was loaded). Until it is loaded, Ruby is
 * unknown: `parseRuby` returns undefined and the rules say nothing of Ruby
 * scripts. Nothing here is loaded by a run that reads no Ruby script.
 */

/** A node of a Ruby parse tree (tree-sitter's; each access calls into WebAssembly). */
export type RubyNode = TreeSitter.Node;
/** A Ruby parse tree: its WebAssembly memory is freed with `delete()`, which its user must call. */
export type RubyTree = TreeSitter.Tree;

const requireHere = createRequire(import.meta.url);
let parser: TreeSitter.Parser | undefined;
let loading: Promise<boolean> | undefined;
let misses = 0;

/** Options of `loadRuby`. */
export interface LoadRubyOptions {
  /**
   * Compile the WebAssembly with V8's baseline compiler (Liftoff) only, a
   * process-wide V8 flag. V8 otherwise recompiles the grammar's code with its
   * optimising compiler in background threads, and Node waits for those jobs
   * before the process exits: about 0.5 s for the 2 MB Ruby grammar on a
   * 2-core machine, against a few milliseconds of parsing per hook script.
   * hooklint's own processes (the CLI, its workers, the language server) set
   * it; a program using the API decides for itself (default false).
   */
  liftoffOnly?: boolean;
}

/**
 * Load the Ruby parser (the WebAssembly runtime and grammar, ~2.3 MB, ~50 ms
 * on first use). Resolves true once it is loaded, false when it cannot be
 * (the package is missing or the WebAssembly does not start); never rejects.
 * Idempotent: every call returns the first call's promise (and its options).
 */
export function loadRuby(options: LoadRubyOptions = {}): Promise<boolean> {
  loading ??= (async () => {
    try {
      if (options.liftoffOnly) (requireHere('node:v8') as typeof import('node:v8')).setFlagsFromString('--liftoff-only');
      const ts = requireHere('@vscode/tree-sitter-wasm') as typeof TreeSitter;
      await ts.Parser.init();
      const ruby = await ts.Language.load(requireHere.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter-ruby.wasm'));
      const p = new ts.Parser();
      p.setLanguage(ruby);
      parser = p;
      return true;
    } catch {
      return false;
    }
  })();
  return loading;
}

/** True once `loadRuby()` has loaded the parser. */
export function rubyLoaded(): boolean {
  return parser !== undefined;
}

/**
 * How many times the analysis asked for a Ruby parse before the parser was
 * loaded (a monotonic count): a caller that lints compares it before and after
 * a lint to learn whether the lint met a Ruby script it could not read.
 */
export function rubyMisses(): number {
  return misses;
}

/**
 * The tree of a Ruby text, or undefined when the parser is not loaded (the
 * miss is counted) or the text does not parse at all. The caller must
 * `delete()` the tree when done: it lives in WebAssembly memory.
 */
export function parseRuby(text: string): RubyTree | undefined {
  if (!parser) {
    misses++;
    return undefined;
  }
  try {
    return parser.parse(text) ?? undefined;
  } catch {
    return undefined;
  }
}
