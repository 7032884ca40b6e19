/**
 * The monthly bill of the reference workload (issue 5) from measured capacity units, at DynamoDB on-demand list
 * prices (us-east-1, before free tiers). docs/cost.md explains every line; change an assumption here and there.
 */
import { FEED_CACHE_CONTROL } from '../lib/serve/representation.ts';
export const PRICES = {
  /** USD per million write request units / read request units (on-demand, us-east-1, since Nov 2024). */
  writePerMillion: 0.625,
  readPerMillion: 0.125,
  storagePerGbMonth: 0.25,
} as const;

const HOURS_PER_MONTH = 730;

/** How long a topic page may be served from the CDN: the max-age the API itself sends on feeds. */
const FEED_MAX_AGE_S = Number(/max-age=(\d+)/.exec(FEED_CACHE_CONTROL)?.[1] ?? 0);

export const WORKLOAD = {
  feeds: 1000,
  pollsPerFeedPerHour: 4,
  newItemsPerFeedPerHour: 2,
  topicsPerArticle: 1.5,
  /**
   * Assumption: the number of topics an article is in is Poisson-distributed with that mean, so e^-1.5 = 22 % of
   * articles are in none. Only those get a day-stream entry (one copy per timeline, lib/store/timeline.ts).
   */
  articlesInNoTopicShare: Math.exp(-1.5),
  topics: 10,
  subscribersPerTopic: 500,
  subscriberPollsPerHour: 2,
  /** Assumption: share of new items that are another outlet's copy of a stored story (folded, not new). */
  duplicateShare: 0.2,
  /** Assumption: share of polls without new items that the server answers 304 (ETag / Last-Modified honoured). */
  notModifiedShare: 0.6,
  /**
   * Topic pages are cached per topic and format in CloudFront for the API's own `max-age` (300 s): one origin Query
   * per topic, format and 5 minutes at most, whatever the number of subscribers.
   */
  topicCacheSeconds: FEED_MAX_AGE_S,
  topicFormats: 3,
} as const;

export interface MeasuredUnits {
  /** Per item, feed-state costs excluded. */
  readonly newArticle: { readonly write: number; readonly read: number };
  readonly duplicate: { readonly write: number; readonly read: number };
  /** Per poll. */
  readonly notModifiedPoll: { readonly write: number; readonly read: number };
  /** A 200 with the same entries within the hour: new validators wait (see VALIDATORS_ALONE_SAVED_EVERY_MS). */
  readonly changedPollNoNewItems: { readonly write: number; readonly read: number };
  /** A poll that writes the feed state: new entries, or new validators an hour after the last write. */
  readonly pollWithStateWrite: { readonly write: number; readonly read: number };
  /** One topic page Query (the API's read). */
  readonly topicPage: { readonly read: number };
  /** Bytes kept per new article (article, day entry, topic entries, band keys, claims), for storage. */
  readonly storedBytesPerArticle: number;
  /**
   * One timeline copy (a day or topic entry): its write units, and the bytes it keeps. The workload's articles are all
   * in a topic, so the day entry of an article in none is priced from the topic entries measured.
   */
  readonly timelineCopy: { readonly write: number; readonly bytes: number };
  readonly articleRetentionDays: number;
}

export function monthlyCost(units: MeasuredUnits) {
  const w = WORKLOAD;
  const polls = w.feeds * w.pollsPerFeedPerHour * HOURS_PER_MONTH;
  const items = w.feeds * w.newItemsPerFeedPerHour * HOURS_PER_MONTH;
  // A 15-minute window holds at least one new item with Poisson probability 1 - e^(-rate × 0.25 h).
  const pollsWithNew = polls * (1 - Math.exp(-w.newItemsPerFeedPerHour / w.pollsPerFeedPerHour));
  const pollsWithout = polls - pollsWithNew;
  const notModified = pollsWithout * w.notModifiedShare;
  // A 200 without new entries saves its validators only when the state is over an hour old, i.e. (Poisson) when
  // the feed brought no new item in the last hour; otherwise it writes nothing.
  const validatorsDue = Math.exp(-w.newItemsPerFeedPerHour);
  const changedNoNew = (pollsWithout - notModified) * (1 - validatorsDue);
  const stateWrites = pollsWithNew + (pollsWithout - notModified) * validatorsDue;
  const duplicates = items * w.duplicateShare;
  const newArticles = items - duplicates;
  const apiRequests = w.topics * w.subscribersPerTopic * w.subscriberPollsPerHour * HOURS_PER_MONTH;
  const originReads = Math.min(
    apiRequests,
    w.topics * w.topicFormats * (3600 / Math.max(1, w.topicCacheSeconds)) * HOURS_PER_MONTH,
  );
  // An article in no topic (and each fold into one) writes its day entry instead of topic entries.
  const dayCopy = { write: w.articlesInNoTopicShare * units.timelineCopy.write, read: 0 };
  const withDayCopy = (unit: { write: number; read: number }) => ({
    write: unit.write + dayCopy.write,
    read: unit.read,
  });
  const storedBytes = units.storedBytesPerArticle + w.articlesInNoTopicShare * units.timelineCopy.bytes;
  const lines = {
    newArticles: cost(newArticles, withDayCopy(units.newArticle)),
    duplicates: cost(duplicates, withDayCopy(units.duplicate)),
    notModifiedPolls: cost(notModified, units.notModifiedPoll),
    changedPollsNothingWritten: cost(changedNoNew, units.changedPollNoNewItems),
    pollsWritingFeedState: cost(stateWrites, units.pollWithStateWrite),
    topicReadsCached: cost(originReads, { write: 0, read: units.topicPage.read }),
    storage: {
      gb: round((newArticles * storedBytes * (units.articleRetentionDays / 30)) / 1e9),
      usd: round(((newArticles * storedBytes * (units.articleRetentionDays / 30)) / 1e9) * PRICES.storagePerGbMonth),
    },
  };
  const total = Object.values(lines).reduce((sum, line) => sum + line.usd, 0);
  return {
    counts: {
      polls,
      pollsWithNew: Math.round(pollsWithNew),
      notModified: Math.round(notModified),
      pollsWritingFeedState: Math.round(stateWrites),
      items,
      newArticles,
      duplicates,
      apiRequests,
      originReads,
    },
    lines,
    uncachedTopicReads: cost(apiRequests, { write: 0, read: units.topicPage.read }),
    totalUsdPerMonth: round(total),
  };
}

function cost(count: number, unit: { write: number; read: number }) {
  const writeUnits = count * unit.write;
  const readUnits = count * unit.read;
  return {
    count: Math.round(count),
    writeUnits: Math.round(writeUnits),
    readUnits: Math.round(readUnits),
    usd: round((writeUnits * PRICES.writePerMillion + readUnits * PRICES.readPerMillion) / 1e6),
  };
}

const round = (value: number) => Math.round(value * 100) / 100;
