import { resolve } from 'node:path';
import type { Runtime } from '../lambdas/runtime.ts';
import { localServeDeps } from '../lambdas/serve-deps.ts';
import { defaultFetchOptions, fetchFeed } from '../lib/fetch/fetch-feed.ts';
import type { IngestDeps } from '../lib/ingest.ts';
import type { FeedState } from '../lib/model.ts';
import { listFeedStates } from '../lib/store/feed-state.ts';
import { sweepExpired } from '../lib/store/sweep-expired.ts';
import { startEmbeddedDb } from './embedded-db.ts';
import { type RoundSummary, runIngestRound } from './ingest-round.ts';
import { startServer } from './server.ts';

export interface LocalHandle {
  readonly apiUrl: string;
  close(): Promise<void>;
}

/**
 * `npm start`: the AWS shape in one process. dynalite persisted under `.data/` replaces DynamoDB, a timer replaces
 * EventBridge + SQS, and the real API handler answers on 127.0.0.1.
 */
export async function runLocal(
  runtime: Runtime,
  options: {
    port: number;
    host: string;
    dataDir: string;
    roundEveryMs: number;
    onRound(summary: RoundSummary, round: number, health: readonly FeedState[]): void;
  },
): Promise<LocalHandle> {
  const embedded = await startEmbeddedDb({ dataDir: resolve(options.dataDir), tableName: runtime.settings.tableName });
  const { settings } = runtime;
  const fetchOptions = { ...defaultFetchOptions, timeoutMs: settings.fetchTimeoutMs, maxBytes: settings.fetchMaxBytes };
  const ingest: IngestDeps = {
    db: embedded.db,
    fetch: (request) => fetchFeed(request, fetchOptions),
    topics: runtime.topicMatchers,
    now: () => new Date(),
    articleRetentionDays: settings.articleRetentionDays,
  };
  const server = await startServer({
    host: options.host,
    port: options.port,
    deps: localServeDeps({
      db: embedded.db,
      topics: runtime.topics,
      feeds: runtime.sources,
      baseUrl: settings.publicBaseUrl,
    }),
  });
  let round = 0;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = running.then(async () => {
      round++;
      // Seeding every round is cheap locally and picks up feeds added to the OPML while running.
      const summary = await runIngestRound(runtime.sources, ingest, { seed: true });
      // dynalite has no TTL: what DynamoDB would expire in AWS is swept here, once a round.
      await sweepExpired(embedded.db, new Date());
      options.onRound(
        summary,
        round,
        await listFeedStates(
          embedded.db,
          runtime.sources.map((s) => s.feedId),
        ),
      );
    });
  };
  tick();
  const timer = setInterval(tick, options.roundEveryMs);
  return {
    apiUrl: server.url,
    close: async () => {
      clearInterval(timer);
      await running.catch(() => undefined);
      await server.close();
      await embedded.close();
    },
  };
}
