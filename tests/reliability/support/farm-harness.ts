import { buildFarmModel, type FarmModel, type FeedKind, NO_FAULTS } from '../../../bench/stress/farm-model.ts';
import { farmSources, farmTopics } from '../../../bench/stress/run-farm.ts';
import { defaultFetchOptions, fetchFeed } from '../../../lib/fetch/fetch-feed.ts';
import type { IngestDeps } from '../../../lib/ingest.ts';
import type { Db } from '../../../lib/store/db.ts';

/** A small deterministic farm for the fault tests: mostly healthy feeds with shared wire stories, one failing. */
export const SMALL_FARM = {
  seed: 11,
  feeds: 8,
  rounds: 1,
  faults: NO_FAULTS,
  baseTime: '2026-11-20T06:00:00.000Z',
  firstRoundItems: [3, 5] as [number, number],
} as const;
const SMALL_FARM_KINDS: readonly FeedKind[] = ['healthy', 'healthy', 'error-500'];

export const smallFarmModel = (): FarmModel =>
  buildFarmModel({ ...SMALL_FARM, kindOf: (index) => SMALL_FARM_KINDS[index] ?? 'healthy' });

/** Real fetch (loopback only), the farm's topics, a fixed clock: the same deps in the test and in the child. */
export function farmIngestDeps(db: Db, now: Date): IngestDeps {
  const options = { ...defaultFetchOptions, timeoutMs: 5_000, allowPrivateHosts: ['127.0.0.1'] };
  return {
    db,
    fetch: (request) => fetchFeed(request, options),
    topics: farmTopics().matchers,
    now: () => now,
    articleRetentionDays: 30,
  };
}

export { farmSources };
