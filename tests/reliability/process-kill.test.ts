import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../bench/stress/farm-model.ts';
import { type FarmServer, startFarmServer } from '../../bench/stress/farm-server.ts';
import { instrumentDb } from '../../bench/stress/instrument-db.ts';
import { comparableContent, snapshotTable } from '../../bench/stress/table-snapshot.ts';
import type { Db } from '../../lib/store/db.ts';
import { ensureTable } from '../../lib/store/table.ts';
import { runIngestRound } from '../../local/ingest-round.ts';
import { startDynalite } from '../support/dynalite.ts';
import { farmIngestDeps, farmSources, smallFarmModel } from './support/farm-harness.ts';

/**
 * A process killed between two writes: an ingest runs in a child process (tsx) against dynalite living in this
 * process, dies by SIGKILL after a seeded random number of DynamoDB calls, and is then rerun to completion. The
 * table (articles, redirects, near-duplicate registers, topic and day entries) must equal a clean run's, byte for byte
 * except run times. RELIABILITY_KILL_RUNS raises the number of runs (default 3 in npm test; docs/reliability.md reports 12).
 */
const RUNS = Number(process.env.RELIABILITY_KILL_RUNS ?? 3);
const SEED = Number(process.env.RELIABILITY_KILL_SEED ?? 424242);
const model = smallFarmModel();
const NOW = '2026-11-20T06:01:00.000Z';
let farm: FarmServer;
let dynalite: Awaited<ReturnType<typeof startDynalite>>;
let reference: ReturnType<typeof comparableContent>;
let cleanCalls = 0;
let tables = 0;

const freshTable = async (): Promise<Db> => {
  const db = { ...dynalite.db, tableName: `kill-${tables++}` };
  await ensureTable(db);
  return db;
};

async function runChild(tableName: string, killAtCall: number): Promise<{ signal: string | null; out: string }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'tests/reliability/support/ingest-child.ts',
      dynalite.endpoint,
      tableName,
      farm.origin,
      String(killAtCall),
      NOW,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += String(chunk);
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000); // bounded even if something hangs
  const [, signal] = (await once(child, 'exit')) as [number | null, string | null];
  clearTimeout(timer);
  return { signal, out };
}

beforeAll(async () => {
  farm = await startFarmServer(model);
  dynalite = await startDynalite();
  const db = await freshTable();
  const counted = instrumentDb(db);
  await runIngestRound(farmSources(model, farm.origin), farmIngestDeps(counted.db, new Date(NOW)), {
    seed: true,
    concurrency: 1,
  });
  cleanCalls = counted.totalCalls();
  reference = comparableContent(await snapshotTable(db));
}, 60_000);
afterAll(async () => {
  await farm?.close();
  await dynalite?.close();
});

describe('SIGKILL between writes, then a rerun', () => {
  const random = seededRandom(SEED);
  const killPoints = Array.from({ length: RUNS }, () => random());

  it('the clean run is big enough to be killed in interesting places', () => {
    expect(reference.articles.length).toBeGreaterThan(15);
    expect(Object.keys(reference.topicEntries).length).toBeGreaterThan(0);
    expect(cleanCalls).toBeGreaterThan(100);
  });

  it.each(killPoints.map((fraction, run) => [run + 1, fraction]))(
    'run %i: killed at a seeded call, rerun to completion → the clean table',
    async (_run, fraction) => {
      const killAtCall = 1 + Math.floor(fraction * cleanCalls);
      const db = await freshTable();
      const killed = await runChild(db.tableName, killAtCall);
      expect(killed.signal, `the child was killed at call ${killAtCall}`).toBe('SIGKILL');
      const partial = comparableContent(await snapshotTable(db));
      expect(killed.out).not.toContain('completed');
      // Rerun (what SQS redelivery does): same code and clock, here in the test process.
      await runIngestRound(farmSources(model, farm.origin), farmIngestDeps(db, new Date(NOW)), {
        seed: true,
        concurrency: 1,
      });
      const after = comparableContent(await snapshotTable(db));
      console.info(
        `kill at call ${killAtCall}/${cleanCalls}: ${partial.articles.length} articles before rerun, ${after.articles.length} after`,
      );
      expect(after).toEqual(reference);
    },
    60_000,
  );
});
