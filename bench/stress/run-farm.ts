import { parseTopicsYaml } from '../../lib/config.ts';
import { defaultFetchOptions, fetchFeed } from '../../lib/fetch/fetch-feed.ts';
import type { FeedReport } from '../../lib/ingest/feed-report.ts';
import type { IngestDeps } from '../../lib/ingest.ts';
import type { FeedSource, TopicDefinition } from '../../lib/model.ts';
import type { Db } from '../../lib/store/db.ts';
import { compileTopicMatchers } from '../../lib/topic-matchers.ts';
import { runIngestRound } from '../../local/ingest-round.ts';
import { farmFeedId } from './farm-invariants.ts';
import { FARM_TOPICS_YAML, type FarmModel } from './farm-model.ts';

export interface FarmRunOptions {
  /** Total time cap per fetch: slow feeds hang past it. */
  readonly timeoutMs: number;
  /** Byte cap per fetch: huge feeds stream past it. */
  readonly maxBytes: number;
  /** Feeds ingested at once (Lambda concurrency, in one process). */
  readonly concurrency: number;
  /** Tells the farm which round it is serving (in process, or over HTTP to a child). */
  readonly setRound: (round: number) => Promise<void> | void;
  /** Progress, once per round (the bench prints it to stderr). */
  readonly onRound?: (figures: RoundFigures) => void;
}

export interface RoundFigures {
  readonly round: number;
  readonly feeds: number;
  readonly wallMs: number;
  readonly fetched: number;
  readonly notModified: number;
  readonly failed: number;
  readonly newArticles: number;
  readonly foldedArticles: number;
  readonly entriesStored: number;
}

export function farmTopics(): { topics: TopicDefinition[]; matchers: IngestDeps['topics'] } {
  const parsed = parseTopicsYaml(FARM_TOPICS_YAML, 'farm-topics.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  const matchers = compileTopicMatchers(parsed.value);
  if (!matchers.ok) throw new Error(matchers.error.join('\n'));
  return { topics: parsed.value, matchers: matchers.value };
}

export const farmSources = (model: FarmModel, origin: string): FeedSource[] =>
  model.feeds.map((feed) => ({
    feedId: farmFeedId(origin, feed.path),
    url: `${origin}${feed.path}`,
    title: feed.title,
  }));

/**
 * Ingests the farm for every round of the model through the real path (scheduler query ▸ fetchFeed ▸ parse ▸
 * normalize ▸ dedupe ▸ topics ▸ store). The clock moves a day per round so every feed is due again.
 */
export async function runFarm(
  model: FarmModel,
  origin: string,
  db: Db,
  options: FarmRunOptions,
): Promise<{ rounds: RoundFigures[]; reports: FeedReport[] }> {
  const { matchers } = farmTopics();
  const sources = farmSources(model, origin);
  const clock = { now: new Date(model.baseTime) };
  const fetchOptions = {
    ...defaultFetchOptions,
    timeoutMs: options.timeoutMs,
    maxBytes: options.maxBytes,
    allowPrivateHosts: ['127.0.0.1'],
  };
  const deps: IngestDeps = {
    db,
    fetch: (request) => fetchFeed(request, fetchOptions),
    topics: matchers,
    now: () => clock.now,
    articleRetentionDays: 30,
  };
  const rounds: RoundFigures[] = [];
  const reports: FeedReport[] = [];
  for (let round = 1; round <= model.rounds; round++) {
    await options.setRound(round);
    clock.now = new Date(Date.parse(model.baseTime) + (round - 1) * 86_400_000 + 60_000);
    const started = performance.now();
    const summary = await runIngestRound(sources, deps, { seed: round === 1, concurrency: options.concurrency });
    reports.push(...summary.reports);
    const figures: RoundFigures = {
      round,
      feeds: summary.reports.length,
      wallMs: Math.round(performance.now() - started),
      fetched: summary.fetched,
      notModified: summary.notModified,
      failed: summary.failed,
      newArticles: summary.newArticles,
      foldedArticles: summary.foldedArticles,
      entriesStored: summary.reports.reduce((sum, r) => sum + r.freshEntries, 0),
    };
    rounds.push(figures);
    options.onRound?.(figures);
  }
  return { rounds, reports };
}

/** Failures by stage and kind over every round, e.g. `fetch:timeout`. */
export function errorsByKind(reports: readonly FeedReport[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of reports) {
    if (!r.error) continue;
    const key = `${r.error.stage}:${r.error.kind}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort());
}
