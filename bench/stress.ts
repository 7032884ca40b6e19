import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpus } from 'node:os';
import { createInterface } from 'node:readline';
import { startDynamoDbLocal } from './stress/dynamodb-local.ts';
import { checkFarmInvariants, invariantsHold } from './stress/farm-invariants.ts';
import { buildFarmModel, type FaultMix, NO_FAULTS, STRESS_FAULTS } from './stress/farm-model.ts';
import { instrumentDb } from './stress/instrument-db.ts';
import { errorsByKind, runFarm } from './stress/run-farm.ts';
import { snapshotTable } from './stress/table-snapshot.ts';

/**
 * `npm run stress`: a farm of generated feeds (1,000 by default, with slow, erroring, malformed, huge and
 * rate-limited ones) ingested for several rounds through the real ingest path into DynamoDB Local, then the store is
 * checked against the farm's model. The baseline is the same code on a fault-free farm measured in the same run.
 * Everything listens on 127.0.0.1; every phase is bounded. Env: STRESS_FEEDS, STRESS_ROUNDS, STRESS_CONCURRENCY,
 * STRESS_SEED, STRESS_BASELINE_FEEDS.
 */
const envNumber = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const FEEDS = envNumber('STRESS_FEEDS', 1000);
const ROUNDS = envNumber('STRESS_ROUNDS', 3);
const CONCURRENCY = envNumber('STRESS_CONCURRENCY', 16);
const SEED = envNumber('STRESS_SEED', 20261125);
const BASELINE_FEEDS = envNumber('STRESS_BASELINE_FEEDS', Math.round(FEEDS / 2));
const TIMEOUT_MS = 2_000;
const MAX_BYTES = 1024 * 1024;
const BASE_TIME = '2026-11-20T06:00:00.000Z';
const FIRST_ROUND_ITEMS = [2, 7] as const;
const HARD_LIMIT_MS = 10 * 60_000;

async function startFarmProcess(options: object): Promise<{ origin: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/stress/farm-process.ts', JSON.stringify(options)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await Promise.race([
    once(lines, 'line'),
    new Promise((_, reject) => setTimeout(() => reject(new Error('farm did not start in 30 s')), 30_000)),
  ])) as [string];
  return { origin: (JSON.parse(line) as { origin: string }).origin, child };
}

async function phase(
  name: string,
  feeds: number,
  faults: FaultMix,
  db: Awaited<ReturnType<typeof startDynamoDbLocal>>['db'],
  rounds = ROUNDS,
) {
  const modelOptions = {
    seed: SEED,
    feeds,
    rounds,
    faults,
    baseTime: BASE_TIME,
    firstRoundItems: FIRST_ROUND_ITEMS,
  };
  const farm = await startFarmProcess({ ...modelOptions, hugeBytes: 64 * 1024 * 1024 });
  try {
    const model = buildFarmModel(modelOptions);
    const instrumented = instrumentDb({ ...db, tableName: `wirefold-${name}` });
    const { ensureTable } = await import('../lib/store/table.ts');
    await ensureTable(instrumented.db);
    const started = performance.now();
    const { rounds, reports } = await runFarm(model, farm.origin, instrumented.db, {
      timeoutMs: TIMEOUT_MS,
      maxBytes: MAX_BYTES,
      concurrency: CONCURRENCY,
      setRound: async (round) => {
        await fetch(`${farm.origin}/_round?n=${round}`);
      },
      onRound: (figures) => process.stderr.write(`stress ${name}: ${JSON.stringify(figures)}\n`),
    });
    const wallS = (performance.now() - started) / 1000;
    const snapshot = await snapshotTable(instrumented.db);
    const invariants = checkFarmInvariants(model, farm.origin, snapshot);
    const feedRuns = rounds.reduce((s, r) => s + r.feeds, 0);
    const entries = rounds.reduce((s, r) => s + r.entriesStored, 0);
    const newArticles = rounds.reduce((s, r) => s + r.newArticles, 0);
    return {
      name,
      feeds,
      rounds,
      wallS: Number(wallS.toFixed(1)),
      feedsPerS: Number((feedRuns / wallS).toFixed(1)),
      articlesPerS: Number((newArticles / wallS).toFixed(1)),
      entriesPerS: Number((entries / wallS).toFixed(1)),
      dynamoCallsPerEntry: Number((instrumented.totalCalls() / Math.max(1, entries)).toFixed(2)),
      dynamoCalls: instrumented.counts,
      tableItems: snapshot.items,
      articlesStored: snapshot.articles.size,
      errorsByKind: errorsByKind(reports),
      feedsByKind: Object.fromEntries(
        [...new Set(model.feeds.map((f) => f.kind))]
          .sort()
          .map((k) => [k, model.feeds.filter((f) => f.kind === k).length]),
      ),
      invariants,
      invariantsHold: invariantsHold(invariants),
    };
  } finally {
    farm.child.stdin?.end();
    const exited = once(farm.child, 'exit');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3_000))]);
    if (farm.child.exitCode === null) farm.child.kill('SIGKILL');
  }
}

type Round = { wallMs: number; feeds: number; entriesStored: number; newArticles: number };
const perS = (round: Round, field: 'feeds' | 'entriesStored' | 'newArticles') => round[field] / (round.wallMs / 1000);
const round1Rates = (round: Round) => ({
  wallS: Number((round.wallMs / 1000).toFixed(1)),
  feedsPerS: Number(perS(round, 'feeds').toFixed(1)),
  entriesPerS: Number(perS(round, 'entriesStored').toFixed(1)),
  articlesPerS: Number(perS(round, 'newArticles').toFixed(1)),
});
const ratio = (a: Round, b: Round, field: 'feeds' | 'entriesStored' | 'newArticles') =>
  Number((perS(a, field) / perS(b, field)).toFixed(2));

async function main() {
  const watchdog = setTimeout(() => {
    console.error(`stress: gave up after ${HARD_LIMIT_MS / 1000} s`);
    process.exit(2);
  }, HARD_LIMIT_MS);
  watchdog.unref();
  const startedDb = performance.now();
  const local = await startDynamoDbLocal('wirefold-stress');
  const dbStartS = (performance.now() - startedDb) / 1000;
  try {
    // Warm-up: DynamoDB Local's JIT and ours; otherwise whichever phase runs first looks several times slower.
    // 200 feeds, one round: measured, a 20-feed warm-up left the second phase 1.5× faster than the first.
    await phase('warmup', 200, NO_FAULTS, local.db, 1);
    const stress = await phase('stress', FEEDS, STRESS_FAULTS, local.db);
    // Baseline: half the farm without faults, one round (round 1 is where nearly all the writing happens). It runs
    // last, so any warm-up left favours it and the ratio is a conservative figure for the faulty farm.
    const baseline = await phase('baseline', BASELINE_FEEDS, NO_FAULTS, local.db, 1);
    const report = {
      bench: 'stress',
      machine: { cpus: cpus().length, node: process.version },
      settings: {
        feeds: FEEDS,
        rounds: ROUNDS,
        concurrency: CONCURRENCY,
        seed: SEED,
        timeoutMs: TIMEOUT_MS,
        maxBytes: MAX_BYTES,
      },
      store: 'DynamoDB Local (in memory)',
      dynamoDbLocalStartS: Number(dbStartS.toFixed(1)),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      stress,
      baseline,
      round1: { stress: round1Rates(stress.rounds[0]!), baseline: round1Rates(baseline.rounds[0]!) },
      // Round 1 of the same farm size with and without faults: what the fault mix costs the healthy work.
      ratioVsBaseline: {
        basis: 'round 1 rates: the farm with the fault mix ÷ half of it without faults',
        feedsPerS: ratio(stress.rounds[0]!, baseline.rounds[0]!, 'feeds'),
        entriesPerS: ratio(stress.rounds[0]!, baseline.rounds[0]!, 'entriesStored'),
        articlesPerS: ratio(stress.rounds[0]!, baseline.rounds[0]!, 'newArticles'),
      },
      invariantsHold: stress.invariantsHold && baseline.invariantsHold,
    };
    console.log(JSON.stringify(report, null, 2));
    process.exitCode = report.invariantsHold ? 0 : 1;
  } finally {
    await local.close();
  }
}

await main();
