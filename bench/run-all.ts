import { spawnSync } from 'node:child_process';

/**
 * `npm run bench`: every benchmark in turn, each in its own process (so one's heap and JIT state cannot colour
 * another's figures). Each prints its own JSON; this prints a closing line per bench with its exit status.
 */
const BENCHES = ['bench:parse', 'bench:topics', 'bench:dedupe', 'bench:ingest', 'bench:api', 'bench:bundle'];

const results = BENCHES.map((name) => {
  const startedAt = Date.now();
  console.log(`\n=== ${name}`);
  const run = spawnSync('npm', ['run', '-s', name], { stdio: 'inherit' });
  return { bench: name, exitCode: run.status, seconds: Math.round((Date.now() - startedAt) / 100) / 10 };
});
console.log(`\n${JSON.stringify({ benches: results }, null, 2)}`);
process.exit(results.every((r) => r.exitCode === 0) ? 0 : 1);
