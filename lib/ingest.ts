import { describeFetchError } from './fetch/describe-fetch-error.ts';
import type { FetchError } from './fetch/fetch-error.ts';
import type { FetchOutcome, FetchRequest } from './fetch/fetch-feed.ts';
import { entryVersionOf, rememberVersions } from './ingest/entry-version.ts';
import { emptyCounts, type FeedReport, type FoldNote } from './ingest/feed-report.ts';
import {
  feedStateChanged,
  initialFeedState,
  nextStateAfterFailure,
  nextStateAfterSuccess,
} from './ingest/next-state.ts';
import type { FeedSource, FeedState, NormalizedEntry } from './model.ts';
import { normalizeFeed } from './normalize/normalize-feed.ts';
import { parseFeed } from './parse/parse-feed.ts';
import type { Result } from './result.ts';
import { type StoreEntryOutcome, storeEntry, type TopicMatcher } from './store/articles.ts';
import type { Db } from './store/db.ts';
import { getFeedState, putFeedState } from './store/feed-state.ts';

export interface IngestDeps {
  readonly db: Db;
  /** `fetchFeed` with this deployment's caps bound (tests and the demo allow 127.0.0.1). */
  readonly fetch: (request: FetchRequest) => Promise<Result<FetchOutcome, FetchError>>;
  readonly topics: readonly TopicMatcher[];
  readonly now: () => Date;
  readonly articleRetentionDays: number;
}

const MAX_FOLDS_REPORTED = 20;

/** Bounded work per run: a feed that suddenly lists 50,000 entries is read in slices over several polls. */
const MAX_ENTRIES_PER_RUN = 500;

/**
 * One feed, one run: fetch ▸ parse ▸ normalize ▸ store fresh entries (dedupe + topics inside) ▸ feed state last.
 * A fetch or parse failure is a value that ends up in the feed's health; only AWS failures throw, so the queue
 * retries the message and, the feed state being written last, the rerun redoes exactly the unfinished work.
 */
export async function ingestFeed(
  source: FeedSource,
  deps: IngestDeps,
  job: { readonly dueAt?: string } = {},
): Promise<FeedReport> {
  const startedAt = deps.now();
  const stored = await getFeedState(deps.db, source.feedId);
  const state = stored ?? initialFeedState(source, startedAt);
  // A poll that changed nothing leaves the stored state as it is (see feedStateChanged): no write unit spent.
  const save = async (next: FeedState) => {
    if (!stored || feedStateChanged(stored, next)) await putFeedState(deps.db, next);
  };
  const report = (fields: Omit<FeedReport, 'feedId' | 'url' | 'durationMs'>): FeedReport => ({
    feedId: source.feedId,
    url: state.url,
    durationMs: deps.now().getTime() - startedAt.getTime(),
    ...fields,
  });
  if (state.disabled) return report({ outcome: 'disabled', ok: false, ...emptyCounts() });
  // A second message for a poll that already happened (the scheduler re-enqueued a feed whose first message was
  // still waiting): the state has moved past the due time it was sent for, so there is nothing to do.
  if (job.dueAt && state.nextFetchAt > job.dueAt) {
    return report({ outcome: 'not-due', ok: true, ...emptyCounts(), nextFetchAt: state.nextFetchAt });
  }

  const fetched = await deps.fetch({ url: state.url, etag: state.etag, lastModified: state.lastModified });
  if (!fetched.ok) {
    // The health line gets the fetch layer's bounded, operator-facing wording of the error.
    const error = { ...fetched.error, message: describeFetchError(fetched.error) };
    return fail(deps, state, startedAt, 'fetch', error, report);
  }
  const outcome = fetched.value;
  if (outcome.kind === 'not-modified') {
    const next = nextStateAfterSuccess(state, { now: startedAt, outcome, entries: [] });
    await save(next);
    return report({ outcome: 'not-modified', ok: true, status: 304, ...emptyCounts(), nextFetchAt: next.nextFetchAt });
  }

  const parsed = parseFeed(outcome.text);
  if (!parsed.ok) return fail(deps, state, startedAt, 'parse', parsed.error, report, outcome.status);
  const entries = normalizeFeed(parsed.value, { feedUrl: outcome.finalUrl, fetchedAt: startedAt.toISOString() }).slice(
    0,
    MAX_ENTRIES_PER_RUN,
  );
  const known = new Set(state.recentEntryHashes);
  const fresh = entries.filter((entry) => !known.has(entryVersionOf(entry)));
  const counts = await storeFreshEntries(source, fresh, deps, startedAt);

  const next = nextStateAfterSuccess(state, {
    now: startedAt,
    outcome,
    entries,
    ttlMinutes: parsed.value.ttlMinutes,
    recentEntryHashes: rememberVersions(entries.map(entryVersionOf), state.recentEntryHashes),
  });
  await save(next);
  return report({
    outcome: 'fetched',
    ok: true,
    status: outcome.status,
    entries: entries.length,
    freshEntries: fresh.length,
    ...counts,
    nextFetchAt: next.nextFetchAt,
  });
}

async function storeFreshEntries(source: FeedSource, fresh: readonly NormalizedEntry[], deps: IngestDeps, now: Date) {
  const tally: Record<StoreEntryOutcome, number> = { new: 0, folded: 0, updated: 0, unchanged: 0 };
  const folds: FoldNote[] = [];
  // Oldest first, so when two outlets carry one story the earlier report becomes the article's first source.
  const ordered = [...fresh].sort((a, b) => a.publishedAt.localeCompare(b.publishedAt));
  for (const entry of ordered) {
    const { outcome, articleId, resolution } = await storeEntry(deps.db, {
      source,
      entry,
      now: now.toISOString(),
      topics: deps.topics,
      articleRetentionDays: deps.articleRetentionDays,
    });
    tally[outcome]++;
    // Every fold is explained in the run's log line, so an analyst can audit it (bounded: one line per feed run).
    if (outcome === 'folded' && folds.length < MAX_FOLDS_REPORTED) {
      folds.push({
        title: entry.title.slice(0, 120),
        articleId,
        via: resolution.via,
        why: resolution.why?.explanation,
      });
    }
  }
  return { newArticles: tally.new, foldedArticles: tally.folded, updatedArticles: tally.updated, folds };
}

async function fail(
  deps: IngestDeps,
  state: FeedState,
  now: Date,
  stage: 'fetch' | 'parse',
  error: { readonly kind: string; readonly message: string; readonly status?: number; readonly retryAfterS?: number },
  report: (fields: Omit<FeedReport, 'feedId' | 'url' | 'durationMs'>) => FeedReport,
  httpStatus?: number,
): Promise<FeedReport> {
  const status = httpStatus ?? error.status;
  const next = nextStateAfterFailure(state, { now, stage, error, status });
  await putFeedState(deps.db, next);
  return report({
    outcome: 'failed',
    ok: false,
    ...(status !== undefined ? { status } : {}),
    ...emptyCounts(),
    error: { stage, kind: error.kind, message: error.message },
    nextFetchAt: next.nextFetchAt,
  });
}
