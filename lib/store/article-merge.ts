import { canonicalizeUrl } from '../dedupe/canonical-url.ts';
import type { Article, ArticleSource, FeedSource, NormalizedEntry, TopicMembership } from '../model.ts';

/** A compiled topic as the store sees it: a name, a retention, and a predicate with an explanation. */
export interface TopicMatcher {
  readonly slug: string;
  readonly retentionDays: number;
  match(article: Article): TopicMembership | undefined;
}

export interface EntryContext {
  readonly source: FeedSource;
  readonly entry: NormalizedEntry;
  /** ISO time of this ingest run. */
  readonly now: string;
}

export function sourceOf({ source, entry, now }: EntryContext): ArticleSource {
  return { feedId: source.feedId, feedTitle: source.title, url: entry.url, entryKey: entry.entryKey, seenAt: now };
}

export function newArticle(articleId: string, input: EntryContext): Article {
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

const sameSource = (a: ArticleSource, b: ArticleSource) => a.feedId === b.feedId && a.entryKey === b.entryKey;

/** Folds an entry into a stored article: a new outlet is appended; the first outlet's edits update the text. */
export function mergeEntry(current: Article, input: EntryContext): Article {
  const { entry } = input;
  const arriving = sourceOf(input);
  const known = current.sources.find((source) => sameSource(source, arriving));
  if (!known) return { ...current, sources: [...current.sources, arriving] };
  const isPrimary = current.sources[0] === known;
  const edited =
    current.title !== entry.title || current.summaryHtml !== entry.summaryHtml || current.url !== entry.url;
  if (!isPrimary || !edited) return current;
  // An edit keeps the article id (and so the output id); only the text and the link move.
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

/** An absorbed duplicate's outlets join the survivor, after its own, in their original order. */
export function mergeSources(survivor: Article, absorbed: Article): Article {
  const missing = absorbed.sources.filter((source) => !survivor.sources.some((known) => sameSource(known, source)));
  return missing.length === 0 ? survivor : { ...survivor, sources: [...survivor.sources, ...missing] };
}

export function withTopics(article: Article, topics: readonly TopicMatcher[]): Article {
  const bySlug = new Map(article.topics.map((t) => [t.slug, t]));
  for (const topic of topics) {
    const membership = topic.match(article);
    if (membership) bySlug.set(topic.slug, membership);
  }
  return { ...article, topics: [...bySlug.values()].sort((a, b) => a.slug.localeCompare(b.slug)) };
}

/** Key-order-independent JSON: an article read back from the table must compare equal to the one we built. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}
