import type { FeedState, OutputFormat } from '../model.ts';
import type { FormatLinks, SourceHealth, TopicSummary } from '../render/index-view.ts';
import { cadenceOf, nextSlotTime } from '../schedule/poll-slots.ts';
import { listFeedStates } from '../store/feed-state.ts';
import { listTopicEntries } from '../store/topic-entries.ts';
import { newestChangeOf, toFeedViewItem } from './build-feed-view.ts';
import type { ServeDeps } from './http-types.ts';

/** Items counted per topic for the index (one Query each); beyond it the page says "200+". */
const COUNT_BOUND = 200;
const LATEST_SHOWN = 5;

export const feedLinks = (baseUrl: string, path: string): FormatLinks => {
  const link = (format: OutputFormat) => `${baseUrl}${path}.${format}`;
  return { rss: link('rss'), atom: link('atom'), json: link('json') };
};

/** Every configured topic with its count, last change and newest items, in configuration order. */
export async function loadTopicSummaries(deps: ServeDeps, baseUrl: string): Promise<TopicSummary[]> {
  return Promise.all(
    deps.topics.map(async (topic): Promise<TopicSummary> => {
      const limit = Math.min(COUNT_BOUND, topic.maxItems);
      const page = await listTopicEntries(deps.db, topic.slug, { limit, now: deps.now?.() });
      const entries = page.ok ? page.value.entries : [];
      return {
        slug: topic.slug,
        title: topic.title,
        description: topic.description,
        itemCount: entries.length,
        countIsLowerBound: page.ok && page.value.nextCursor !== undefined && entries.length === COUNT_BOUND,
        updatedAt: newestChangeOf(entries.map((e) => e.article)),
        feeds: feedLinks(baseUrl, `/topics/${topic.slug}`),
        latest: entries.slice(0, LATEST_SHOWN).map((entry) => toFeedViewItem(entry, deps)),
      };
    }),
  );
}

function statusOf(state: FeedState): SourceHealth['status'] {
  if (state.disabled) return 'disabled';
  if (state.consecutiveFailures > 0) return 'failing';
  return state.lastFetchedAt ? 'ok' : 'never-fetched';
}

/**
 * The health of every configured feed: the feed state item minus polling internals (ETags, entry hashes). A feed
 * taken out of the configuration keeps its state item but is no longer polled, so it is no longer listed either.
 */
export async function loadSourceHealth(deps: ServeDeps): Promise<SourceHealth[]> {
  const states = await listFeedStates(
    deps.db,
    (deps.feeds ?? []).map((feed) => feed.feedId),
  );
  return states.map((state) => ({
    feedId: state.feedId,
    title: state.title,
    url: state.url,
    status: statusOf(state),
    lastFetchedAt: state.lastFetchedAt,
    lastSuccessAt: state.lastSuccessAt,
    nextFetchAt: upcomingFetchOf(state, deps.now?.() ?? new Date()),
    ...(state.pollEveryMinutes !== undefined ? { pollEveryMinutes: state.pollEveryMinutes } : {}),
    consecutiveFailures: state.consecutiveFailures,
    lastStatus: state.lastStatus,
    itemsSeen: state.itemsSeen,
    lastError: state.lastError,
    pollReason: state.pollReason,
    charsetNote: state.charsetNote,
  }));
}

/** A feed on a cadence keeps its stored due time until a poll changes something: the next slot is computed instead. */
function upcomingFetchOf(state: FeedState, now: Date): string {
  const cadence = cadenceOf(state);
  if (!cadence || state.disabled || Date.parse(state.nextFetchAt) > now.getTime()) return state.nextFetchAt;
  return nextSlotTime(cadence.phase, cadence.minutes, now);
}

/** Last-Modified of the health data: the latest fetch attempt of any feed. */
export const newestFetchOf = (sources: readonly SourceHealth[]): string | undefined =>
  sources
    .map((s) => s.lastFetchedAt ?? '')
    .filter((t) => t !== '')
    .sort()
    .at(-1);

/** The latest of several ISO times (undefined entries ignored). */
export function latestOf(...times: readonly (string | undefined)[]): string | undefined {
  let best: string | undefined;
  let bestMs = Number.NEGATIVE_INFINITY;
  for (const time of times) {
    const ms = time ? Date.parse(time) : Number.NaN;
    if (ms > bestMs) [best, bestMs] = [time, ms];
  }
  return best;
}
