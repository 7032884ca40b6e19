import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dedupeItemOfEntry } from '../dedupe/dedupe-item.ts';
import type { Article, FeedSource, NormalizedEntry } from '../model.ts';
import {
  isFirstOutlet,
  mergeEntry,
  mergeSources,
  newArticle,
  stableJson,
  type TopicMatcher,
  textToMatch,
  withTopics,
} from './article-merge.ts';
import { isConditionFailure } from './condition-failure.ts';
import type { Db } from './db.ts';
import { articleKey } from './keys.ts';
import { writeNearDupRegisters } from './near-dup-index.ts';
import { type Resolution, resolveArticle } from './resolve-article.ts';
import { settleNearDuplicates } from './settle-near-dup.ts';
import { writeTimelineEntries } from './timeline.ts';

export type { TopicMatcher } from './article-merge.ts';

export interface StoreEntryInput {
  readonly source: FeedSource;
  readonly entry: NormalizedEntry;
  /** ISO time of this ingest run. */
  readonly now: string;
  readonly topics: readonly TopicMatcher[];
  readonly articleRetentionDays: number;
}

export type StoreEntryOutcome = 'new' | 'folded' | 'updated' | 'unchanged';

export interface StoreEntryResult {
  readonly outcome: StoreEntryOutcome;
  readonly articleId: string;
  /** How the entry found its article, with the fold decision's `why` for a near-duplicate. */
  readonly resolution: Resolution;
}

/**
 * Read-modify-write of one article with optimistic locking on `version`. An article absorbed into another
 * (see settle-near-dup.ts) leaves a tombstone naming its survivor; writers follow it. The first read may be stale
 * (eventually consistent, or the item the lookup already read): every write is conditional on the version read, so
 * a stale read only costs a failed put, and every later attempt reads consistently (as does "nothing to change").
 */
async function updateArticle(
  db: Db,
  startId: string,
  change: (current: Article | undefined, articleId: string) => Article,
  retentionDays: number,
  /** What the lookup already read under this id (`Item` absent: nothing there), so the first attempt reads nothing. */
  firstRead?: { Item?: Record<string, unknown> },
): Promise<{ before?: Article; after: Article; version: number }> {
  let articleId = startId;
  for (let attempt = 0; attempt < 20; attempt++) {
    const { Item } =
      attempt === 0 && firstRead
        ? firstRead
        : await db.doc.send(
            new GetCommand({ TableName: db.tableName, Key: articleKey(articleId), ConsistentRead: attempt > 0 }),
          );
    if (typeof Item?.absorbedInto === 'string') {
      articleId = Item.absorbedInto;
      continue;
    }
    const before = Item ? stripStorage(Item) : undefined;
    const after = change(before, articleId);
    const version = Number(Item?.version ?? 0);
    if (before && stableJson(before) === stableJson(after)) {
      // "Nothing to change" is trusted only from a consistent read: a stale copy of an article absorbed meanwhile
      // would otherwise be reported as the entry's article, and its timeline entries written again.
      if (attempt > 0) return { before, after, version };
      continue;
    }
    try {
      await db.doc.send(
        new PutCommand({
          TableName: db.tableName,
          Item: { ...articleKey(articleId), ...after, version: version + 1, expiresAt: expiryOf(after, retentionDays) },
          ConditionExpression: before ? 'version = :v' : 'attribute_not_exists(pk)',
          ...(before ? { ExpressionAttributeValues: { ':v': version } } : {}),
        }),
      );
      return { ...(before ? { before } : {}), after, version: version + 1 };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // another writer changed it first: merge again on its version
    }
  }
  throw new Error(`article ${startId}: too much write contention`);
}

/**
 * Stores one fresh entry: resolve its article (claims, near-duplicate lookup), create or fold, (re)write its
 * timeline entries, write the first outlet's text to its near-duplicate registers, and settle a race with a
 * concurrent copy of the same story that the registers reveal. Every step is idempotent, so a rerun after a crash
 * completes the work; the caller writes the feed state after the last entry.
 */
export async function storeEntry(db: Db, input: StoreEntryInput): Promise<StoreEntryResult> {
  const item = dedupeItemOfEntry(input.entry, input.source.url);
  const retention = input.articleRetentionDays;
  const { stored, ...resolution } = await resolveArticle(db, {
    feedId: input.source.feedId,
    entryKey: input.entry.entryKey,
    item,
    expiresAt: Math.floor(Date.parse(input.now) / 1000) + retention * 86_400,
  });
  const { before, after, version } = await updateArticle(
    db,
    resolution.articleId,
    (current, articleId) => {
      const article = current ? mergeEntry(current, input) : newArticle(articleId, input);
      return withTopics(article, input.topics, textToMatch(article, input));
    },
    retention,
    // A new article tries its conditional create before paying for a read; an article found under the entry's own
    // id is merged on the copy the lookup read.
    resolution.via === 'new' ? {} : stored ? { Item: stored } : undefined,
  );
  const outcome: StoreEntryOutcome = !before
    ? 'new'
    : before.sources.length < after.sources.length
      ? 'folded'
      : stableJson(before) === stableJson(after)
        ? 'unchanged'
        : 'updated';
  await writeTimelineEntries(db, after, version, input.topics, retention);
  if (!isFirstOutlet(after, input)) return { outcome, articleId: after.articleId, resolution };
  // Only the article's first outlet is indexed: later copies fold into it and would only add write units.
  const learned = await writeNearDupRegisters(db, { articleId: after.articleId, item, firstSeenAt: after.firstSeenAt });
  const survivorId = await settleNearDuplicates(db, after, item, learned, async (winnerId, loser) => {
    const merged = await updateArticle(
      db,
      winnerId,
      (current) => withTopics(mergeSources(current ?? { ...loser, articleId: winnerId }, loser), input.topics),
      retention,
    );
    await writeTimelineEntries(db, merged.after, merged.version, input.topics, retention);
  });
  return survivorId === after.articleId
    ? { outcome, articleId: after.articleId, resolution }
    : { outcome: 'folded', articleId: survivorId, resolution };
}

/** The stored item carries keys and bookkeeping beside the article; callers see only the article. */
export function stripStorage(item: Record<string, unknown>): Article {
  const { version: _v, expiresAt: _e, pk: _p, sk: _s, ...article } = item;
  return article as unknown as Article;
}

/**
 * TTL counts from when we first saw the story, not from its claimed date: a feed that republishes a
 * ten-year-old item must not have it deleted the moment it is stored.
 */
export const expiryOf = (article: Article, retentionDays: number) =>
  Math.floor(Date.parse(article.firstSeenAt) / 1000) + retentionDays * 86_400;
