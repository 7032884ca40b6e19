import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFarmInvariants } from '../../bench/stress/farm-invariants.ts';
import { buildFarmModel, type FeedKind, STRESS_FAULTS } from '../../bench/stress/farm-model.ts';
import { type FarmServer, startFarmServer } from '../../bench/stress/farm-server.ts';
import { errorsByKind, runFarm } from '../../bench/stress/run-farm.ts';
import { snapshotTable } from '../../bench/stress/table-snapshot.ts';
import { startDynalite } from '../support/dynalite.ts';

/**
 * The stress farm in miniature (npm test size): 36 generated feeds with the full fault mix, three rounds through the
 * real ingest path into dynalite. `npm run stress` runs the same code with 1,000 feeds against DynamoDB Local.
 */
const FIXED_KINDS: readonly FeedKind[] = [
  'slow',
  'error-500',
  'error-404',
  'huge',
  'rate-limited',
  'malformed',
  'malformed',
  'malformed',
  'malformed',
  'malformed',
];

describe('farm: failing feeds never cost another feed an article', () => {
  const model = buildFarmModel({
    seed: 7,
    feeds: 36,
    rounds: 3,
    faults: STRESS_FAULTS,
    baseTime: '2026-11-20T06:00:00.000Z',
    firstRoundItems: [3, 6],
    // Every fault kind, malformed in all five of its variants; the other feeds are healthy.
    kindOf: (index) => FIXED_KINDS[index] ?? 'healthy',
  });
  let farm: FarmServer;
  let dynalite: Awaited<ReturnType<typeof startDynalite>>;
  let result: Awaited<ReturnType<typeof runFarm>>;

  beforeAll(async () => {
    farm = await startFarmServer(model, { hugeBytes: 8 * 1024 * 1024 });
    dynalite = await startDynalite();
    result = await runFarm(model, farm.origin, dynalite.db, {
      timeoutMs: 1_000,
      maxBytes: 1024 * 1024,
      concurrency: 8,
      setRound: (n) => farm.setRound(n),
    });
  }, 60_000);
  afterAll(async () => {
    await farm?.close();
    await dynalite?.close();
  });

  it('the model holds every fault kind (otherwise this test proves less than it claims)', () => {
    const kinds = new Set(model.feeds.map((f) => f.kind));
    expect([...kinds].sort()).toEqual(
      ['error-404', 'error-500', 'healthy', 'huge', 'malformed', 'rate-limited', 'slow'].sort(),
    );
  });

  it('every failing feed ends as a typed error in its report and its health', async () => {
    const errors = errorsByKind(result.reports);
    console.info('farm errors by kind', errors, 'rounds', result.rounds);
    const round1 = result.reports.slice(0, model.feeds.length);
    for (const feed of model.feeds) {
      const report = round1.find((r) => r.url.endsWith(feed.path))!;
      const expected = {
        healthy: undefined,
        slow: 'timeout',
        'error-500': 'http-status',
        'error-404': 'http-status',
        huge: 'too-large',
        'rate-limited': 'rate-limited',
        malformed: undefined, // several kinds (parse errors, not-a-feed); checked below
      }[feed.kind];
      if (feed.kind === 'healthy') expect(report.ok, JSON.stringify(report)).toBe(true);
      else expect(report.ok, `${feed.kind}: ${JSON.stringify(report)}`).toBe(false);
      if (expected) expect(report.error?.kind, feed.kind).toBe(expected);
    }
    const states = (await snapshotTable(dynalite.db)).feedStates;
    const unhealthy = [...states.values()].filter((s) => s.lastError !== undefined);
    expect(unhealthy.length).toBeGreaterThanOrEqual(
      model.feeds.filter((f) => f.kind !== 'healthy' && f.kind !== 'rate-limited').length,
    );
  });

  it('every story a healthy feed served is stored exactly once, in its topics and day, with each copy once', async () => {
    const snapshot = await snapshotTable(dynalite.db);
    const report = checkFarmInvariants(model, farm.origin, snapshot);
    console.info('farm invariants', JSON.stringify(report));
    expect(report.storiesExpected).toBeGreaterThan(60);
    expect(report.failures).toEqual([]);
    expect(report.storedExactlyOnce).toBe(report.storiesExpected);
    expect(report.sharedWithFailingFeeds, 'some stories were also carried by failing feeds').toBeGreaterThan(0);
    expect(report.sharedWithFailingFeedsStored).toBe(report.sharedWithFailingFeeds);
    expect(report.topicMembershipsExpected).toBeGreaterThan(10);
  });
});
