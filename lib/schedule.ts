import { initialFeedState } from './ingest/next-state.ts';
import type { FeedSource } from './model.ts';
import { slotNumberAt } from './schedule/poll-slots.ts';
import type { Db } from './store/db.ts';
import { listDueFeeds, seedFeedStates } from './store/feed-state.ts';
import { advanceSchedulerTick, readSchedulerTick } from './store/scheduler-tick.ts';

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
 * One feed to ingest, with the due time it was scheduled for. A message delivered twice, or a feed with a one-off
 * due time enqueued again before its first message ran: the ingest that comes second finds a state whose
 * `nextFetchAt` is past `dueAt` and stops (a feed on a cadence whose poll changed nothing is simply polled again).
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
  /** The 5-minute slots this run covered (after the previous run's, up to now's). */
  readonly slots: { readonly after: number; readonly until: number };
}

/**
 * After a long outage the scheduler catches up at most this far back: a day covers every cadence once, so each
 * feed on a cadence is polled once, not once per missed slot.
 */
const MAX_CATCH_UP_SLOTS = 288;

/**
 * Finds the feeds whose time has come — one-off due times that passed, and the slot partitions of every slot that
 * began since the previous run (poll-slots.ts) — enqueues those still configured, then moves the bookmark. A run
 * that fails before the bookmark is rerun over the same slots, and ingest tolerates the repeated messages.
 */
export async function scheduleDueFeeds(deps: ScheduleDeps): Promise<ScheduleReport> {
  const now = deps.now();
  const seeded = deps.seed
    ? await seedFeedStates(
        deps.db,
        deps.sources.map((s) => initialFeedState(s, now)),
      )
    : 0;
  const until = slotNumberAt(now);
  const previous = await readSchedulerTick(deps.db);
  const after = Math.min(until, Math.max(previous ?? until - 1, until - MAX_CATCH_UP_SLOTS));
  const configured = new Set(deps.sources.map((s) => s.feedId));
  const due = await listDueFeeds(deps.db, now, after);
  const jobs = due.filter((job) => configured.has(job.feedId));
  const unconfigured = due.filter((job) => !configured.has(job.feedId)).map((job) => job.feedId);
  if (jobs.length > 0) await deps.enqueue(jobs);
  if (until > (previous ?? Number.NEGATIVE_INFINITY)) await advanceSchedulerTick(deps.db, until);
  return { seeded, due: due.length, enqueued: jobs.map((job) => job.feedId), unconfigured, slots: { after, until } };
}
