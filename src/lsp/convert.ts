import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic as LspDiagnostic, type TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, TextEdit } from '../model/types.js';
import { rulesById } from '../rules/index.js';

/** The code action kind of "fix all safe problems in this file" (a sub-kind of `source.fixAll`, as ESLint's and Ruff's servers name theirs). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.hooklint`;

/** What the client said it can show (from its `initialize` capabilities). */
export interface ClientShows {
  /** `textDocument.publishDiagnostics.relatedInformation`: notes go there; otherwise they are appended to the message. */
  relatedInformation: boolean;
}

/**
 * One hooklint finding as an LSP diagnostic of `doc` (the text it was linted
 * from): the range from its 0-based UTF-16 `offset`/`length` (LSP positions
 * are 0-based lines and UTF-16 characters, as `TextDocument.positionAt`
 * gives), `source` `hooklint`, `code` the rule id, `codeDescription.href` the
 * rule's docs page, and its note (the blast radius, the "why") as related
 * information at the same range, or after the message when the client cannot
 * show related information.
 */
export function toLspDiagnostic(d: Diagnostic, doc: TextDocument, shows: ClientShows): LspDiagnostic {
  const range = { start: doc.positionAt(d.offset), end: doc.positionAt(d.offset + d.length) };
  const url = rulesById.get(d.ruleId)?.meta.url;
  const out: LspDiagnostic = {
    range,
    severity: d.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: 'hooklint',
    code: d.ruleId,
    message: d.note && !shows.relatedInformation ? `${d.message}\n${d.note}` : d.message,
  };
  if (url) out.codeDescription = { href: url };
  if (d.note && shows.relatedInformation) out.relatedInformation = [{ location: { uri: doc.uri, range }, message: d.note }];
  return out;
}

/** hooklint text edits (0-based UTF-16 offset ranges into `doc`'s text) as LSP text edits. */
export function toLspEdits(edits: readonly TextEdit[], doc: TextDocument): LspTextEdit[] {
  return edits.map((e) => ({ range: { start: doc.positionAt(e.range[0]), end: doc.positionAt(e.range[1]) }, newText: e.text }));
}

/**
 * The quick fixes of the findings that touch the 0-based offsets
 * `[start, end]`: each fix (safe ones preferred, unsafe ones titled as such)
 * and each suggestion, as a `quickfix` that edits the document. Fixes that
 * change other files on disk (a script's mode or first line) are left to
 * `hooklint check --fix`: an editor edit cannot carry them.
 */
export function quickFixes(findings: readonly Diagnostic[], doc: TextDocument, start: number, end: number, shows: ClientShows, max = MAX_CODE_ACTIONS): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of findings) {
    if (out.length >= max) break;
    if (d.offset > end || d.offset + d.length < start) continue;
    const diagnostics = [toLspDiagnostic(d, doc, shows)];
    const fix = d.fix;
    if (fix && fix.edits.length > 0 && !fix.fileEdits?.length)
      out.push({
        title: fix.safety === 'unsafe' ? `${fix.title} (unsafe fix)` : fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics,
        isPreferred: fix.safety === 'safe',
        edit: { changes: { [doc.uri]: toLspEdits(fix.edits, doc) } },
      });
    for (const s of d.suggestions ?? [])
      if (s.edits.length > 0) out.push({ title: `${s.title} (suggestion)`, kind: CodeActionKind.QuickFix, diagnostics, edit: { changes: { [doc.uri]: toLspEdits(s.edits, doc) } } });
  }
  return out.length > max ? out.slice(0, max) : out;
}

/** Quick fixes offered for one range (a select-all over a huge file touches every finding), at most. */
export const MAX_CODE_ACTIONS = 100;

/** Diagnostics published per document, at most (an editor cannot show 292,000, and sending them costs minutes). */
export const MAX_DIAGNOSTICS = 1000;

/**
 * The findings to publish for one document: all of them up to `max`; over it,
 * the first `max - 1` by severity (errors first, file order within each) and one
 * information diagnostic at the first one left out, saying how many are not
 * shown and how to see them all.
 */
export function capDiagnostics(findings: readonly Diagnostic[], doc: TextDocument, shows: ClientShows, max = MAX_DIAGNOSTICS): LspDiagnostic[] {
  if (findings.length <= max) return findings.map((d) => toLspDiagnostic(d, doc, shows));
  const rank = (d: Diagnostic) => (d.severity === 'error' ? 0 : d.severity === 'warning' ? 1 : 2);
  const order = findings.map((_, i) => i).sort((a, b) => rank(findings[a]!) - rank(findings[b]!) || a - b);
  const shown = order.slice(0, max - 1).sort((a, b) => a - b);
  const firstLeft = findings[order[max - 1]!]!;
  const left = findings.length - shown.length;
  const at = doc.positionAt(firstLeft.offset);
  return [
    ...shown.map((i) => toLspDiagnostic(findings[i]!, doc, shows)),
    {
      range: { start: at, end: at },
      severity: DiagnosticSeverity.Information,
      source: 'hooklint',
      message: `${left.toLocaleString('en-US')} more problems in this file are not shown: the language server shows ${(max - 1).toLocaleString('en-US')} per file (errors first); run "hooklint check" on it for all of them`,
    },
  ];
}

/**
 * The smallest single edit that turns `before` into `after`: the common
 * prefix and suffix stay, so the editor keeps the cursor and folds outside
 * the change. Undefined when the texts are equal.
 */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Never split a surrogate pair.
  if (start > 0 && start < before.length && isLowSurrogate(before.charCodeAt(start))) start--;
  let tail = 0;
  while (tail < max - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  if (tail > 0 && isLowSurrogate(before.charCodeAt(before.length - tail))) tail--;
  return { range: [start, before.length - tail], text: after.slice(start, after.length - tail) };
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** True when a code action of `kind` is wanted by a request's `only` (absent: every kind; `source` includes `source.fixAll.hooklint`). */
export function wanted(kind: string, only: readonly string[] | undefined): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}
