import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../bench/stress/farm-model.ts';
import { type FarmServer, startFarmServer } from '../../bench/stress/farm-server.ts';
import { awsError, type CallHook, instrumentDb, throttled, timedOut } from '../../bench/stress/instrument-db.ts';
import { comparableContent, snapshotTable } from '../../bench/stress/table-snapshot.ts';
import { handleIngest, type IngestHandlerDeps } from '../../lambdas/ingest.ts';
import { ingestFeed } from '../../lib/ingest.ts';
import type { Db } from '../../lib/store/db.ts';
import { ensureTable } from '../../lib/store/table.ts';
import { runIngestRound } from '../../local/ingest-round.ts';
import { startDynalite } from '../support/dynalite.ts';
import { recordingLogger, sqsEvent } from '../support/sqs-event.ts';
import { farmIngestDeps, farmSources, smallFarmModel } from './support/farm-harness.ts';

/**
 * DynamoDB failing under the ingest: throttling (ProvisionedThroughputExceededException after the SDK's own retries
 * are spent) and timeouts, injected by wrapping the AWS client's `send`. Timeouts come in both flavours: the request
 * never arrived, or it was APPLIED and only the answer was lost. Each feed run must either complete or throw (so SQS
 * redelivers); after redeliveries and a clean rerun the table must equal a clean run's.
 */
const model = smallFarmModel();
/** Seeds per fault kind: 1 in npm test; RELIABILITY_FAULT_SEEDS=10 for the heavier variant. */
const SEEDS = Array.from({ length: Number(process.env.RELIABILITY_FAULT_SEEDS ?? 1) }, (_, i) => i + 1);
const NOW = new Date('2026-11-20T06:01:00.000Z');
let farm: FarmServer;
let dynalite: Awaited<ReturnType<typeof startDynalite>>;
let tableCount = 0;

const freshTable = async (): Promise<Db> => {
  const db = { ...dynalite.db, tableName: `faults-${tableCount++}` };
  await ensureTable(db);
  return db;
};

let reference: ReturnType<typeof comparableContent>;
beforeAll(async () => {
  farm = await startFarmServer(model);
  dynalite = await startDynalite();
  reference = await cleanRun();
}, 60_000);
afterAll(async () => {
  await farm?.close();
  await dynalite?.close();
});

/** The reference: every feed once, in order, nothing failing. */
async function cleanRun() {
  const db = await freshTable();
  await runIngestRound(farmSources(model, farm.origin), farmIngestDeps(db, NOW), { seed: true, concurrency: 1 });
  return comparableContent(await snapshotTable(db), { orderIndependent: true });
}

type Fault = 'throttle' | 'timeout-before' | 'timeout-after';
function faultyHook(seed: number, rate: number, faults: readonly Fault[]): CallHook {
  const random = seededRandom(seed);
  return (command) => {
    if (command === 'DescribeTableCommand' || random() >= rate) return { kind: 'pass' };
    const fault = faults[Math.floor(random() * faults.length)]!;
    if (fault === 'throttle') return { kind: 'fail', error: throttled() };
    return { kind: fault === 'timeout-before' ? 'fail' : 'fail-after', error: timedOut() };
  };
}

describe.each([
  ['throttling', ['throttle'] as Fault[]],
  [
    'timeouts before the request arrives and after the write was applied',
    ['timeout-before', 'timeout-after'] as Fault[],
  ],
])('store faults: %s', (_name, faults) => {
  it.each(SEEDS)(
    'seed %i: each feed run completes or throws; redelivery and a rerun give the clean table',
    async (seed) => {
      const raw = await freshTable();
      const faulty = instrumentDb(raw, faultyHook(seed * 7919, 0.02, faults));
      const sources = farmSources(model, farm.origin);
      let completedWhileMissing = 0;
      let thrown = 0;
      let deadLettered = 0;
      // SQS: a message that throws comes back; after 5 receives it would go to the DLQ (we stop redelivering).
      for (const source of sources) {
        for (let receive = 1; receive <= 5; receive++) {
          try {
            const report = await ingestFeed(source, farmIngestDeps(faulty.db, NOW));
            // "Completed" must mean stored: every entry this run saw is now an article in the table.
            const feed = model.feeds.find((f) => source.url.endsWith(f.path))!;
            if (report.ok && report.outcome === 'fetched') {
              const articles = [...(await snapshotTable(raw)).articles.values()];
              const stored = new Set(articles.flatMap((a) => a.sources.map((s) => `${s.feedId}|${s.url}`)));
              completedWhileMissing += feed.copies.filter((c) => !stored.has(`${source.feedId}|${c.url}`)).length;
            }
            break;
          } catch (error) {
            thrown++;
            if (receive === 5) deadLettered++;
            expect((error as Error).name, String(error)).toMatch(/ProvisionedThroughputExceeded|Timeout/);
          }
        }
      }
      expect(completedWhileMissing, 'a run reported success while entries were not stored').toBe(0);
      expect(faulty.failures, 'faults were injected').not.toEqual({});
      // Messages that reached the DLQ are redriven once the table is healthy again: a plain rerun completes them.
      await runIngestRound(sources, farmIngestDeps(raw, NOW), { seed: true, concurrency: 1 });
      expect(comparableContent(await snapshotTable(raw), { orderIndependent: true })).toEqual(reference);
      console.info(
        `store faults ${faults.join('+')} seed ${seed}: injected ${JSON.stringify(faulty.failures)}, ${thrown} runs threw, ${deadLettered} feeds dead-lettered`,
      );
    },
  );

  it('a throttled ingest surfaces the AWS error by name (so the handler reports a batch item failure)', async () => {
    const raw = await freshTable();
    const always = instrumentDb(raw, (command) =>
      command === 'PutCommand'
        ? { kind: 'fail', error: awsError('ProvisionedThroughputExceededException', 'slow down') }
        : { kind: 'pass' },
    );
    const [source] = farmSources(model, farm.origin);
    await expect(ingestFeed(source!, farmIngestDeps(always.db, NOW))).rejects.toMatchObject({
      name: 'ProvisionedThroughputExceededException',
    });
  });
});

describe('the SQS handler under throttling', () => {
  it('fails exactly the messages whose feed hit the throttle; the rest of the batch is ingested', async () => {
    const raw = await freshTable();
    const sources = farmSources(model, farm.origin);
    const victim = sources[1]!;
    // Throttle every write that carries the victim feed's id (its articles' sources and its feed state).
    const faulty = instrumentDb(raw, (command, input) =>
      command === 'PutCommand' && JSON.stringify(input).includes(victim.feedId)
        ? { kind: 'fail', error: throttled() }
        : { kind: 'pass' },
    );
    const logger = recordingLogger();
    const response = await handleIngest(sqsEvent(sources.map((s) => JSON.stringify({ feedId: s.feedId }))), {
      ingest: farmIngestDeps(faulty.db, NOW),
      sources: new Map(sources.map((s) => [s.feedId, s])),
      // recordingLogger's methods return undefined where Powertools' return void: same shape at run time.
      logger: logger as unknown as IngestHandlerDeps['logger'],
    });
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }]);
    const states = (await snapshotTable(raw)).feedStates;
    expect(states.has(victim.feedId), 'the failed feed did not advance its state').toBe(false);
    expect(states.size).toBe(sources.length - 1);
  });
});
