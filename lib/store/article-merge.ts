import { canonicalizeUrl } from '../dedupe/canonical-url.ts';
import { plainTextOf } from '../dedupe/text.ts';
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

/**
 * A DynamoDB item holds at most 400 KB, and the article is copied into its day and topic entries. A 550 KB
 * long-form body or a 500 KB description must not make the feed throw forever, so stored text is bounded: an
 * oversized body is dropped (the link still leads to it), an oversized summary becomes a plain-text excerpt.
 */
const MAX_CONTENT_HTML_CHARS = 64_000;
const MAX_SUMMARY_HTML_CHARS = 16_000;
const SUMMARY_EXCERPT_CHARS = 2_000;
const MAX_TITLE_CHARS = 1_000;
/** Outlets kept per article: enough for any real story, bounded so a hot story cannot outgrow an item. */
export const MAX_SOURCES = 100;

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function boundedText(entry: NormalizedEntry): Pick<Article, 'title' | 'summaryHtml' | 'contentHtml'> {
  const summary = entry.summaryHtml;
  return {
    title: entry.title.length > MAX_TITLE_CHARS ? `${entry.title.slice(0, MAX_TITLE_CHARS)}…` : entry.title,
    summaryHtml:
      summary && summary.length > MAX_SUMMARY_HTML_CHARS
        ? `${escapeHtml(plainTextOf(summary).slice(0, SUMMARY_EXCERPT_CHARS))}…`
        : summary,
    contentHtml: entry.contentHtml && entry.contentHtml.length > MAX_CONTENT_HTML_CHARS ? undefined : entry.contentHtml,
  };
}

export function newArticle(articleId: string, input: EntryContext): Article {
  const { entry } = input;
  return {
    articleId,
    url: entry.url,
    canonicalUrl: entry.url ? canonicalizeUrl(entry.url) : undefined,
    ...boundedText(entry),
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
  if (!known) {
    return current.sources.length >= MAX_SOURCES ? current : { ...current, sources: [...current.sources, arriving] };
  }
  const isPrimary = current.sources[0] === known;
  const text = boundedText(entry);
  const edited = current.title !== text.title || current.summaryHtml !== text.summaryHtml || current.url !== entry.url;
  if (!isPrimary || !edited) return current;
  // An edit keeps the article id (and so the output id); only the text and the link move.
  return {
    ...current,
    ...text,
    url: entry.url ?? current.url,
    updatedAt: entry.updatedAt ?? input.now,
    categories: entry.categories,
  };
}

/** An absorbed duplicate's outlets join the survivor, after its own, in their original order. */
export function mergeSources(survivor: Article, absorbed: Article): Article {
  const missing = absorbed.sources.filter((source) => !survivor.sources.some((known) => sameSource(known, source)));
  if (missing.length === 0) return survivor;
  return {
    ...survivor,
    sources: [...survivor.sources, ...missing].slice(0, Math.max(MAX_SOURCES, survivor.sources.length)),
  };
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
