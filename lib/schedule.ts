import { initialFeedState } from './ingest/next-state.ts';
import type { FeedSource } from './model.ts';
import type { Db } from './store/db.ts';
import { listDueFeeds, seedFeedStates } from './store/feed-state.ts';

export interface ScheduleDeps {
  readonly db: Db;
  readonly sources: readonly FeedSource[];
  readonly now: () => Date;
  /** Hands due feeds to ingest: SQS in AWS (one message per feed), a direct call locally. */
  readonly enqueue: (jobs: readonly IngestJob[]) => Promise<void>;
  /** Seed states for configured feeds first (once per container is enough; new feeds appear at the next seed). */
  readonly seed: boolean;
}

/**
 * One feed to ingest, with the due time it was scheduled for. A feed still due at the next tick (its message not yet
 * processed) is enqueued again; the ingest that comes second sees a later `nextFetchAt` than `dueAt` and stops.
 */
export interface IngestJob {
  readonly feedId: string;
  readonly dueAt: string;
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
  const jobs = due.filter((s) => configured.has(s.feedId)).map((s) => ({ feedId: s.feedId, dueAt: s.nextFetchAt }));
  const unconfigured = due.filter((s) => !configured.has(s.feedId)).map((s) => s.feedId);
  if (jobs.length > 0) await deps.enqueue(jobs);
  return { seeded, due: due.length, enqueued: jobs.map((job) => job.feedId), unconfigured };
}
