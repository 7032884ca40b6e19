import { initialFeedState } from './ingest/next-state.ts';
import type { FeedSource } from './model.ts';
import type { Db } from './store/db.ts';
import { listDueFeeds, seedFeedStates } from './store/feed-state.ts';

export interface ScheduleDeps {
  readonly db: Db;
  readonly sources: readonly FeedSource[];
  readonly now: () => Date;
  /** Hands due feeds to ingest: SQS in AWS (one message per feed), a direct call locally. */
  readonly enqueue: (feedIds: readonly string[]) => Promise<void>;
  /** Seed states for configured feeds first (once per container is enough; new feeds appear at the next seed). */
  readonly seed: boolean;
}

export interface ScheduleReport {
  readonly seeded: number;
  readonly due: number;
  readonly enqueued: readonly string[];
  /** Due states whose feed is no longer in the configuration: left alone, reported. */
  readonly unconfigured: readonly string[];
}

/** Finds the feeds whose time has come (one Query per due shard) and enqueues those still configured. */
export async function scheduleDueFeeds(deps: ScheduleDeps): Promise<ScheduleReport> {
  const now = deps.now();
  const seeded = deps.seed
    ? await seedFeedStates(
        deps.db,
        deps.sources.map((s) => initialFeedState(s, now)),
      )
    : 0;
  const configured = new Set(deps.sources.map((s) => s.feedId));
  const due = await listDueFeeds(deps.db, now);
  const enqueued = due.filter((s) => configured.has(s.feedId)).map((s) => s.feedId);
  const unconfigured = due.filter((s) => !configured.has(s.feedId)).map((s) => s.feedId);
  if (enqueued.length > 0) await deps.enqueue(enqueued);
  return { seeded, due: due.length, enqueued, unconfigured };
}
