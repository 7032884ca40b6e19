/**
 * `npm run dedupe -- pairs FILE.jsonl [--labels]`: decide every pair with the folding ingest uses (decideFold,
 * default thresholds), one JSON line per pair; with --labels, also precision/recall and every wrong pair.
 * Exit codes: 0 ok, 1 some lines were malformed (the rest were still decided), 2 usage or unreadable file.
 */
import { readFileSync } from 'node:fs';
import { runPairs } from '../lib/dedupe/run-pairs.ts';

function main(argv: readonly string[]): number {
  const [command, file, ...flags] = argv;
  const unknownFlags = flags.filter((flag) => flag !== '--labels');
  if (command !== 'pairs' || !file || unknownFlags.length > 0) {
    process.stderr.write('usage: npm run dedupe -- pairs FILE.jsonl [--labels]\n');
    return 2;
  }
  let text: string;
  try {
    text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch (error) {
    process.stderr.write(`dedupe: cannot read ${file}: ${(error as Error).message}\n`);
    return 2;
  }
  const run = runPairs(text, { labels: flags.includes('--labels') });
  for (const line of run.decisionLines) process.stdout.write(`${JSON.stringify(line)}\n`);
  if (run.report) process.stdout.write(`${JSON.stringify(run.report, null, 2)}\n`);
  for (const error of run.errors) process.stderr.write(`dedupe: ${file}:${error.line}: ${error.message}\n`);
  return run.errors.length > 0 ? 1 : 0;
}

// `dedupe pairs … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
process.exitCode = main(process.argv.slice(2));
