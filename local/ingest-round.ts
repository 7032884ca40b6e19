import type { FeedReport } from '../lib/ingest/feed-report.ts';
import { type IngestDeps, ingestFeed } from '../lib/ingest.ts';
import type { FeedSource } from '../lib/model.ts';
import { scheduleDueFeeds } from '../lib/schedule.ts';

export interface RoundSummary {
  readonly fetched: number;
  readonly notModified: number;
  readonly failed: number;
  readonly newArticles: number;
  readonly foldedArticles: number;
  readonly reports: readonly FeedReport[];
}

/**
 * What EventBridge + SQS + the ingest Lambda do in AWS, in one process: find due feeds, ingest them a few at a
 * time. Failures stay in each feed's report; a store failure (a bug locally) rejects the round.
 */
export async function runIngestRound(
  sources: readonly FeedSource[],
  deps: IngestDeps,
  options: { seed: boolean; concurrency?: number },
): Promise<RoundSummary> {
  const byId = new Map(sources.map((s) => [s.feedId, s]));
  const reports: FeedReport[] = [];
  await scheduleDueFeeds({
    db: deps.db,
    sources,
    now: deps.now,
    seed: options.seed,
    enqueue: async (jobs) => {
      const queue = [...jobs];
      const worker = async () => {
        for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
          const source = byId.get(job.feedId);
          if (source) reports.push(await ingestFeed(source, deps, { dueAt: job.dueAt }));
        }
      };
      await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
    },
  });
  const count = (outcome: FeedReport['outcome']) => reports.filter((r) => r.outcome === outcome).length;
  return {
    fetched: count('fetched'),
    notModified: count('not-modified'),
    failed: count('failed'),
    newArticles: reports.reduce((sum, r) => sum + r.newArticles, 0),
    foldedArticles: reports.reduce((sum, r) => sum + r.foldedArticles, 0),
    reports,
  };
}
