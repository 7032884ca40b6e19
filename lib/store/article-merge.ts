import { canonicalizeUrl } from '../dedupe/canonical-url.ts';
import { plainTextOf } from '../dedupe/text.ts';
import type { Article, ArticleSource, FeedSource, NormalizedEntry, TopicMembership } from '../model.ts';
import { escapeHtmlText } from '../parse/xml/xml-query.ts';
import { cardSummaryOf } from './timeline-card.ts';

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
 * What ingest matches topics against: the entry's text, bounded so a 550 KB long-form body or a 500 KB description
 * costs a bounded amount of matching (an oversized body is left out, an oversized summary becomes an excerpt).
 */
const MAX_CONTENT_HTML_CHARS = 64_000;
const MAX_SUMMARY_HTML_CHARS = 16_000;
const SUMMARY_EXCERPT_CHARS = 2_000;
const MAX_TITLE_CHARS = 1_000;
/** Outlets kept per article: enough for any real story, bounded so a hot story cannot outgrow an item. */
export const MAX_SOURCES = 100;

const boundedTitle = (title: string) =>
  title.length > MAX_TITLE_CHARS ? `${title.slice(0, MAX_TITLE_CHARS)}…` : title;

export function matchingText(entry: NormalizedEntry): Pick<Article, 'title' | 'summaryHtml' | 'contentHtml'> {
  const summary = entry.summaryHtml;
  return {
    title: boundedTitle(entry.title),
    summaryHtml:
      summary && summary.length > MAX_SUMMARY_HTML_CHARS
        ? `${escapeHtmlText(plainTextOf(summary).slice(0, SUMMARY_EXCERPT_CHARS))}…`
        : summary,
    contentHtml: entry.contentHtml && entry.contentHtml.length > MAX_CONTENT_HTML_CHARS ? undefined : entry.contentHtml,
  };
}

/**
 * What the article item keeps: the text every output shows (the headline and the summary of the timeline cards,
 * the body's opening when there is no summary) and no body. Outputs are built from the cards, so a stored body
 * would never be read — and at one write unit per kilobyte, a 5 KB body made every write of the article cost five.
 */
export function storedText(entry: NormalizedEntry): Pick<Article, 'title' | 'summaryHtml'> {
  const summary = entry.summaryHtml ?? entry.contentHtml;
  return { title: boundedTitle(entry.title), summaryHtml: summary === undefined ? undefined : cardSummaryOf(summary) };
}

/** The canonical URL is kept only where it differs from the link: readers and dedupe derive it otherwise. */
function canonicalUrlField(url: string | undefined): { canonicalUrl?: string } {
  const canonical = url ? canonicalizeUrl(url) : undefined;
  return canonical && canonical !== url ? { canonicalUrl: canonical } : {};
}

export function newArticle(articleId: string, input: EntryContext): Article {
  const { entry } = input;
  return {
    articleId,
    url: entry.url,
    ...canonicalUrlField(entry.url),
    ...storedText(entry),
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
  const text = storedText(entry);
  const edited = current.title !== text.title || current.summaryHtml !== text.summaryHtml || current.url !== entry.url;
  if (!isPrimary || !edited) return current;
  // An edit keeps the article id (and so the output id); only the text and the link move.
  const { canonicalUrl: _previous, ...unchanged } = current;
  return {
    ...unchanged,
    ...text,
    url: entry.url ?? current.url,
    ...canonicalUrlField(entry.url ?? current.url),
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

/**
 * Adds the topics the article matches. `text` is what is matched: the arriving entry's own full text when it is the
 * article's first outlet (the stored item keeps only an excerpt), else the stored article. Memberships are only
 * added, never dropped: a changed topic is re-matched by `topic backfill`.
 */
export function withTopics(article: Article, topics: readonly TopicMatcher[], text: Article = article): Article {
  const bySlug = new Map(article.topics.map((t) => [t.slug, t]));
  for (const topic of topics) {
    const membership = topic.match(text);
    if (membership) bySlug.set(topic.slug, membership);
  }
  return { ...article, topics: [...bySlug.values()].sort((a, b) => a.slug.localeCompare(b.slug)) };
}

/** Whether the entry being stored is the article's first outlet (the one whose text the article carries). */
export function isFirstOutlet(article: Article, input: EntryContext): boolean {
  const first = article.sources[0];
  return first?.feedId === input.source.feedId && first.entryKey === input.entry.entryKey;
}

/** The article as topics see it: the first outlet's entry supplies its full (bounded) text. */
export function textToMatch(article: Article, input: EntryContext): Article {
  if (!isFirstOutlet(article, input)) return article;
  const { summaryHtml, contentHtml, title } = matchingText(input.entry);
  const { summaryHtml: _s, contentHtml: _c, ...rest } = article;
  return {
    ...rest,
    title,
    ...(summaryHtml !== undefined ? { summaryHtml } : {}),
    ...(contentHtml !== undefined ? { contentHtml } : {}),
  };
}

/** Key-order-independent JSON: an article read back from the table must compare equal to the one we built. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}
