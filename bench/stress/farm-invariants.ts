import { feedIdOf } from '../../lib/config.ts';
import { type FarmModel, servesInRound } from './farm-model.ts';
import type { TableSnapshot } from './table-snapshot.ts';

export interface InvariantReport {
  /** Stories that at least one healthy feed served (by URL identity, tracking parameters aside). */
  readonly storiesExpected: number;
  /** …of which stored in exactly one article carrying every healthy copy exactly once. */
  readonly storedExactlyOnce: number;
  readonly missing: number;
  readonly splitAcrossArticles: number;
  readonly duplicateSources: number;
  readonly missingSources: number;
  /** Articles folding copies of two different stories (a wrong fold) — near-duplicate copies excepted. */
  readonly wrongFolds: number;
  readonly topicMembershipsExpected: number;
  readonly topicMembershipsMissing: number;
  readonly topicMembershipsUnexpected: number;
  readonly dayEntriesMissing: number;
  /** Stories a failing feed also carried (its copy was lost with it): each must still be stored from the others. */
  readonly sharedWithFailingFeeds: number;
  readonly sharedWithFailingFeedsStored: number;
  /** Outlet-URL copies of wire stories that were folded into the wire article by text similarity (a figure). */
  readonly nearDuplicatesFolded: string;
  readonly failures: readonly string[];
}

export const farmFeedId = (origin: string, path: string) => feedIdOf(`${origin}${path}`);

/**
 * Checks the store against the farm model: each story that a healthy feed served is one article, carrying each
 * served copy once, in every topic whose keyword it carries, in its day stream when it carries none; failing feeds took nothing else
 * down with them.
 */
export function checkFarmInvariants(model: FarmModel, origin: string, snapshot: TableSnapshot): InvariantReport {
  const failures: string[] = [];
  const note = (message: string) => {
    if (failures.length < 20) failures.push(message);
  };
  // Which article carries each copy, found from the stored sources (feedId + the URL we published).
  const articleOfCopy = new Map<string, string[]>();
  for (const article of snapshot.articles.values()) {
    for (const source of article.sources) {
      const key = `${source.feedId}|${source.url ?? ''}`;
      articleOfCopy.set(key, [...(articleOfCopy.get(key) ?? []), article.articleId]);
    }
  }
  const servedCopies = new Map<number, { key: string; nearDuplicate: boolean }[]>();
  const carriedByFailing = new Set<number>();
  for (const feed of model.feeds) {
    if (feed.kind !== 'healthy' && feed.kind !== 'rate-limited')
      for (const c of feed.copies) carriedByFailing.add(c.storyId);
  }
  let sharedStored = 0;
  for (const feed of model.feeds) {
    const lastRound = model.rounds;
    if (![...Array(lastRound).keys()].some((r) => servesInRound(feed, r + 1))) continue;
    const feedId = farmFeedId(origin, feed.path);
    for (const copy of feed.copies) {
      const list = servedCopies.get(copy.storyId) ?? [];
      list.push({ key: `${feedId}|${copy.url}`, nearDuplicate: copy.nearDuplicate });
      servedCopies.set(copy.storyId, list);
    }
  }
  let storedExactlyOnce = 0;
  let missing = 0;
  let split = 0;
  let duplicateSources = 0;
  let missingSources = 0;
  let nearTotal = 0;
  let nearFolded = 0;
  let topicExpected = 0;
  let topicMissing = 0;
  let dayMissing = 0;
  const storyOfArticle = new Map<string, Set<number>>();
  for (const [storyId, copies] of servedCopies) {
    const story = model.stories.get(storyId)!;
    const exact = copies.filter((c) => !c.nearDuplicate);
    const articleIds = new Set(exact.flatMap((c) => articleOfCopy.get(c.key) ?? []));
    for (const c of copies.filter((c) => c.nearDuplicate)) {
      nearTotal++;
      const near = articleOfCopy.get(c.key) ?? [];
      if (near.some((id) => articleIds.has(id))) nearFolded++;
      for (const id of near) storyOfArticle.set(id, new Set([...(storyOfArticle.get(id) ?? []), -1]));
    }
    if (exact.length === 0) continue;
    if (articleIds.size === 0) {
      missing++;
      note(`story ${storyId} (${story.url}) served by ${exact.length} healthy copies is not stored`);
      continue;
    }
    if (articleIds.size > 1) {
      split++;
      note(`story ${storyId} is split across articles ${[...articleIds].join(', ')}`);
      continue;
    }
    const [articleId] = [...articleIds] as [string];
    storyOfArticle.set(articleId, new Set([...(storyOfArticle.get(articleId) ?? []), storyId]));
    let clean = true;
    for (const c of exact) {
      const found = (articleOfCopy.get(c.key) ?? []).length;
      if (found === 0) missingSources++;
      if (found > 1) duplicateSources++;
      if (found !== 1) {
        clean = false;
        note(`story ${storyId}: copy ${c.key} appears ${found} times in its article`);
      }
    }
    if (clean) storedExactlyOnce++;
    if (clean && carriedByFailing.has(storyId)) sharedStored++;
    const article = snapshot.articles.get(articleId)!;
    for (const slug of story.topics) {
      topicExpected++;
      const entries = snapshot.topicEntries.get(`TOPIC#${slug}`) ?? new Set();
      if (!entries.has(`${article.publishedAt}#${articleId}`)) {
        topicMissing++;
        note(`story ${storyId} (article ${articleId}) is missing from topic ${slug}`);
      }
    }
    // An article in a topic is in the stream through its topics' timelines; only one in no topic has a day entry.
    if (story.topics.length === 0) {
      const day = snapshot.dayEntries.get(`DAY#${article.publishedAt.slice(0, 10)}`) ?? new Set();
      if (!day.has(`${article.publishedAt}#${articleId}`)) dayMissing++;
    }
  }
  let wrongFolds = 0;
  for (const [articleId, stories] of storyOfArticle) {
    const real = [...stories].filter((s) => s >= 0);
    if (real.length > 1) {
      wrongFolds++;
      note(`article ${articleId} folds different stories ${real.join(', ')}`);
    }
  }
  // Topic entries for articles whose story does not carry that topic's keyword.
  let unexpected = 0;
  const topicsOf = new Map<string, readonly string[]>();
  for (const [articleId, stories] of storyOfArticle) {
    const real = [...stories].filter((s) => s >= 0);
    if (real.length === 1) topicsOf.set(articleId, model.stories.get(real[0]!)!.topics);
  }
  for (const [partition, keys] of snapshot.topicEntries) {
    const slug = partition.slice('TOPIC#'.length);
    for (const key of keys) {
      const articleId = key.slice(key.indexOf('#') + 1);
      const expected = topicsOf.get(articleId);
      if (expected && !expected.includes(slug)) {
        unexpected++;
        note(`article ${articleId} is in topic ${slug} without its keyword`);
      }
    }
  }
  return {
    storiesExpected: [...servedCopies.values()].filter((c) => c.some((x) => !x.nearDuplicate)).length,
    storedExactlyOnce,
    missing,
    splitAcrossArticles: split,
    duplicateSources,
    missingSources,
    wrongFolds,
    topicMembershipsExpected: topicExpected,
    topicMembershipsMissing: topicMissing,
    topicMembershipsUnexpected: unexpected,
    dayEntriesMissing: dayMissing,
    sharedWithFailingFeeds: [...servedCopies].filter(
      ([id, c]) => carriedByFailing.has(id) && c.some((x) => !x.nearDuplicate),
    ).length,
    sharedWithFailingFeedsStored: sharedStored,
    nearDuplicatesFolded: `${nearFolded}/${nearTotal}`,
    failures,
  };
}

export const invariantsHold = (r: InvariantReport) =>
  r.missing === 0 &&
  r.splitAcrossArticles === 0 &&
  r.duplicateSources === 0 &&
  r.missingSources === 0 &&
  r.wrongFolds === 0 &&
  r.topicMembershipsMissing === 0 &&
  r.topicMembershipsUnexpected === 0 &&
  r.dayEntriesMissing === 0 &&
  r.storedExactlyOnce === r.storiesExpected &&
  r.sharedWithFailingFeedsStored === r.sharedWithFailingFeeds;
