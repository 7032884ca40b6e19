import { resolve } from 'node:path';
import { localServeDeps } from '../../lambdas/serve-deps.ts';
import { defaultFetchOptions, fetchFeed } from '../../lib/fetch/fetch-feed.ts';
import type { IngestDeps } from '../../lib/ingest.ts';
import { loadConfigFiles } from '../config-files.ts';
import { startEmbeddedDb } from '../embedded-db.ts';
import { type RoundSummary, runIngestRound } from '../ingest-round.ts';
import { startServer } from '../server.ts';
import { startDemoFeedServer } from './demo-feed-server.ts';
import { demoSources } from './feeds.ts';

export interface DemoHandle {
  readonly apiUrl: string;
  readonly feedServerUrl: string;
  readonly firstRound: RoundSummary;
  /** Polls every demo feed again now (the demo server answers 304 to unchanged feeds). */
  ingestAgain(): Promise<RoundSummary>;
  close(): Promise<void>;
}

/**
 * The offline demo: bundled feeds served from 127.0.0.1 go through the real fetch ▸ parse ▸ dedupe ▸ topics ▸
 * store path into an in-memory dynalite, and the real API serves the topic feeds. No network needed.
 */
export async function runDemo(options: { port: number; configDir?: string; repoRoot?: string }): Promise<DemoHandle> {
  const root = options.repoRoot ?? process.cwd();
  const config = loadConfigFiles(resolve(root, options.configDir ?? 'config'));
  const feedServer = await startDemoFeedServer(resolve(root, 'local/demo/feeds'));
  const sources = demoSources(feedServer.feeds);
  const embedded = await startEmbeddedDb({ tableName: 'wirefold-demo' });
  const fetchOptions = { ...defaultFetchOptions, timeoutMs: 5_000, allowPrivateHosts: ['127.0.0.1'] };
  // The demo clock runs forward by an hour per round so that every feed is due again when asked.
  let clockOffsetMs = 0;
  const ingest: IngestDeps = {
    db: embedded.db,
    fetch: (request) => fetchFeed(request, fetchOptions),
    topics: config.topicMatchers,
    now: () => new Date(Date.now() + clockOffsetMs),
    articleRetentionDays: 30,
  };
  const firstRound = await runIngestRound(sources, ingest, { seed: true });
  const server = await startServer({
    host: '127.0.0.1',
    port: options.port,
    deps: localServeDeps({ db: embedded.db, topics: config.topics, feeds: sources }),
  });
  return {
    apiUrl: server.url,
    feedServerUrl: feedServer.url,
    firstRound,
    ingestAgain: () => {
      clockOffsetMs += 86_400_000;
      return runIngestRound(sources, ingest, { seed: false });
    },
    close: async () => {
      await server.close();
      await feedServer.close();
      await embedded.close();
    },
  };
}
