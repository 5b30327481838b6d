import { create } from 'xmlbuilder2';
import { sanitize } from '../formatters/text.js';

/** One JUnit test case: a hook run or a hooklint.tests.json test. Times in milliseconds. */
export interface JunitCase {
  /** The suite it belongs to: the config file or test file, relative to the cwd. */
  suite: string;
  name: string;
  ms: number;
  /** Findings or unmet expectations (`detail`: the lines of the failure's text); empty when it passed. */
  failures: { type: string; message: string; detail?: string[] }[];
  /** Why it did not run (`<skipped>`). */
  skipped?: string;
}

/**
 * JUnit XML (the Ant/Jenkins shape CI test reports read): one `<testsuite>` per
 * config or test file, one `<testcase>` per hook run or test, `<failure>` per
 * finding, `<skipped>` for hooks not run. Text from hooks and configs is
 * escaped by the XML library; control characters are first shown as escapes
 * (`\u001b`), since XML 1.0 cannot hold them.
 */
export function junit(cases: JunitCase[]): string {
  const suites = new Map<string, JunitCase[]>();
  for (const c of cases) suites.set(c.suite, [...(suites.get(c.suite) ?? []), c]);
  const secs = (n: number) => (n / 1000).toFixed(3);
  const failures = cases.filter((c) => c.failures.length > 0).length;
  const skipped = cases.filter((c) => c.skipped !== undefined).length;
  const total = cases.reduce((t, c) => t + c.ms, 0);
  const doc = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '\ufffd' });
  const root = doc.ele('testsuites', { name: 'hooklint test', tests: String(cases.length), failures: String(failures), errors: '0', skipped: String(skipped), time: secs(total) });
  for (const [name, list] of suites) {
    const s = root.ele('testsuite', {
      name: sanitize(name),
      tests: String(list.length),
      failures: String(list.filter((c) => c.failures.length > 0).length),
      errors: '0',
      skipped: String(list.filter((c) => c.skipped !== undefined).length),
      time: secs(list.reduce((t, c) => t + c.ms, 0)),
    });
    for (const c of list) {
      const tc = s.ele('testcase', { classname: sanitize(name), name: sanitize(c.name), time: secs(c.ms) });
      if (c.skipped !== undefined) tc.ele('skipped', { message: sanitize(c.skipped) });
      for (const f of c.failures) tc.ele('failure', { type: f.type, message: sanitize(f.message) }).txt((f.detail ?? [f.message]).map(sanitize).join('\n'));
    }
  }
  return doc.end({ prettyPrint: true }) + '\n';
}
