import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { canonicalizeUrl } from '../dedupe/canonical-url.ts';
import { dedupeItemOfEntry } from '../dedupe/dedupe-item.ts';
import type { Article, ArticleSource, FeedSource, NormalizedEntry, TopicMembership } from '../model.ts';
import type { Db } from './db.ts';
import { articleKey } from './keys.ts';
import { writeNearDupKeys } from './near-dup-index.ts';
import { type Resolution, resolveArticle } from './resolve-article.ts';
import { writeTimelineEntries } from './timeline.ts';

/** A compiled topic as the store sees it: a name, a retention, and a predicate with an explanation. */
export interface TopicMatcher {
  readonly slug: string;
  readonly retentionDays: number;
  match(article: Article): TopicMembership | undefined;
}

export interface StoreEntryInput {
  readonly source: FeedSource;
  readonly entry: NormalizedEntry;
  /** ISO time of this ingest run. */
  readonly now: string;
  readonly topics: readonly TopicMatcher[];
  readonly articleRetentionDays: number;
}

export type StoreEntryOutcome = 'new' | 'folded' | 'updated' | 'unchanged';

const isConditionFailure = (error: unknown) => (error as { name?: string }).name === 'ConditionalCheckFailedException';

function sourceOf(input: StoreEntryInput): ArticleSource {
  return {
    feedId: input.source.feedId,
    feedTitle: input.source.title,
    url: input.entry.url,
    entryKey: input.entry.entryKey,
    seenAt: input.now,
  };
}

function newArticle(articleId: string, input: StoreEntryInput): Article {
  const { entry } = input;
  return {
    articleId,
    url: entry.url,
    canonicalUrl: entry.url ? canonicalizeUrl(entry.url) : undefined,
    title: entry.title,
    summaryHtml: entry.summaryHtml,
    contentHtml: entry.contentHtml,
    publishedAt: entry.publishedAt,
    updatedAt: entry.updatedAt,
    firstSeenAt: input.now,
    authors: entry.authors,
    categories: entry.categories,
    language: entry.language,
    sources: [sourceOf(input)],
    topics: [],
  };
}

/** Folds an entry into a stored article: a new outlet is appended; the first outlet's edits update the text. */
function mergeEntry(current: Article, input: StoreEntryInput): Article {
  const { entry, source } = input;
  const known = current.sources.find((s) => s.feedId === source.feedId && s.entryKey === entry.entryKey);
  if (!known) return { ...current, sources: [...current.sources, sourceOf(input)] };
  const isPrimary = current.sources[0] === known;
  const edited =
    current.title !== entry.title || current.summaryHtml !== entry.summaryHtml || current.url !== entry.url;
  if (!isPrimary || !edited) return current;
  return {
    ...current,
    title: entry.title,
    summaryHtml: entry.summaryHtml,
    contentHtml: entry.contentHtml,
    url: entry.url ?? current.url,
    updatedAt: entry.updatedAt ?? input.now,
    categories: entry.categories,
  };
}

function withTopics(article: Article, topics: readonly TopicMatcher[]): Article {
  const bySlug = new Map(article.topics.map((t) => [t.slug, t]));
  for (const topic of topics) {
    const membership = topic.match(article);
    if (membership) bySlug.set(topic.slug, membership);
  }
  return { ...article, topics: [...bySlug.values()].sort((a, b) => a.slug.localeCompare(b.slug)) };
}

export interface StoreEntryResult {
  readonly outcome: StoreEntryOutcome;
  readonly articleId: string;
  /** How the entry found its article, with the fold decision's `why` for a near-duplicate. */
  readonly resolution: Resolution;
}

/**
 * Stores one fresh entry: resolve its article (claims, near-duplicate lookup), create or fold (optimistic locking
 * on `version`), index the text of the article's first outlet for later near-duplicate lookups, then (re)write
 * its timeline entries. Every step is idempotent, so a rerun after a crash completes the work.
 */
export async function storeEntry(db: Db, input: StoreEntryInput): Promise<StoreEntryResult> {
  const item = dedupeItemOfEntry(input.entry, input.source.url);
  const resolution = await resolveArticle(db, {
    feedId: input.source.feedId,
    entryKey: input.entry.entryKey,
    item,
  });
  const { articleId } = resolution;
  for (let attempt = 0; attempt < 20; attempt++) {
    const { Item } = await db.doc.send(
      new GetCommand({ TableName: db.tableName, Key: articleKey(articleId), ConsistentRead: true }),
    );
    const current = Item ? stripStorage(Item) : undefined;
    const currentVersion = Number(Item?.version ?? 0);
    const base = current ? mergeEntry(current, input) : newArticle(articleId, input);
    const next = withTopics(base, input.topics);
    const outcome: StoreEntryOutcome = !current
      ? 'new'
      : current.sources.length < next.sources.length
        ? 'folded'
        : stableJson(current) === stableJson(next)
          ? 'unchanged'
          : 'updated';
    const version = outcome === 'unchanged' ? currentVersion : currentVersion + 1;
    if (outcome !== 'unchanged') {
      try {
        await db.doc.send(
          new PutCommand({
            TableName: db.tableName,
            Item: { ...articleKey(articleId), ...next, version, expiresAt: expiryOf(next, input.articleRetentionDays) },
            ConditionExpression: current ? 'version = :v' : 'attribute_not_exists(pk)',
            ...(current ? { ExpressionAttributeValues: { ':v': currentVersion } } : {}),
          }),
        );
      } catch (error) {
        if (isConditionFailure(error)) continue; // another writer folded first: merge again on its version
        throw error;
      }
    }
    // Only the article's first outlet is indexed: later copies fold into it and would only add write units.
    const primary = next.sources[0];
    if (primary?.feedId === input.source.feedId && primary.entryKey === input.entry.entryKey) {
      await writeNearDupKeys(db, articleId, item, next.firstSeenAt);
    }
    await writeTimelineEntries(db, next, version, input.topics, input.articleRetentionDays);
    return { outcome, articleId, resolution };
  }
  throw new Error(`article ${articleId}: too much write contention`);
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

/** Key-order-independent JSON: an article read back from the table must compare equal to the one we built. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}
