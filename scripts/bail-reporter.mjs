// A node:test reporter for `npm run mutate`: prints nothing but the first
// failing test (name and error) and ends the process with exit code 1 there,
// so a killed mutant costs only the tests up to the first failure.
export default async function* bailReporter(source) {
  for await (const event of source) {
    if (event.type === 'test:fail' && event.data.details?.type !== 'suite') {
      const err = event.data.details?.error;
      process.stderr.write(`not ok: ${event.data.name}\n${err?.cause?.message ?? err?.message ?? ''}\n`);
      process.exit(1);
    }
    if (event.type === 'test:diagnostic' && /^(pass|fail) /.test(event.data.message)) yield `# ${event.data.message}\n`;
  }
}
