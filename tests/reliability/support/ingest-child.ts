import { instrumentDb } from '../../../bench/stress/instrument-db.ts';
import { createDb } from '../../../lib/store/db.ts';
import { runIngestRound } from '../../../local/ingest-round.ts';
import { farmIngestDeps, farmSources, smallFarmModel } from './farm-harness.ts';

/**
 * Child process for the kill test: ingests the small farm into a table of a dynalite that lives in ANOTHER process,
 * and dies by SIGKILL right after sending its `killAtCall`-th DynamoDB request (0: never) — a crash between two
 * writes, or with one write in flight. No cleanup, no flush: exactly what a Lambda timeout or OOM kill looks like.
 */
const [endpoint = '', tableName = '', origin = '', killAtCallText = '0', now = ''] = process.argv.slice(2);
const killAtCall = Number(killAtCallText);
const base = createDb(tableName, {
  endpoint,
  region: 'local',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const { db } = instrumentDb(base, (_command, _input, index) => {
  if (killAtCall > 0 && index + 1 === killAtCall) {
    // The request goes out; the kill lands before, during or after DynamoDB applies it.
    setImmediate(() => process.kill(process.pid, 'SIGKILL'));
  }
  return { kind: 'pass' };
});
await runIngestRound(farmSources(smallFarmModel(), origin), farmIngestDeps(db, new Date(now)), {
  seed: true,
  concurrency: 1,
});
process.stdout.write('completed\n');
process.exit(0);
