import type { Article, FeedSource, FeedView, FeedViewItem, OutputFormat } from '../model.ts';
import { DEFAULT_TAG_AUTHORITY } from './http-types.ts';

/**
 * Stored articles → the renderer's FeedView. Everything a renderer needs is decided here: stable tag: ids, the
 * first outlet and the others, the explanation, and the feed's `updated` time, taken from the data only.
 */

export interface ViewEntry {
  readonly article: Article;
  readonly why: readonly string[];
}

export interface ViewContext {
  readonly tagAuthority?: string;
  readonly feeds?: readonly FeedSource[];
}

/** RFC 4151 tag URI; the article id is the store's stable id, so the output id never changes with a headline. */
export const articleTagId = (articleId: string, tagAuthority = DEFAULT_TAG_AUTHORITY) =>
  `tag:${tagAuthority}:article/${encodeURIComponent(articleId)}`;

export const feedTagId = (name: string, tagAuthority = DEFAULT_TAG_AUTHORITY) => `tag:${tagAuthority}:${name}`;

export function toFeedViewItem(entry: ViewEntry, context: ViewContext): FeedViewItem {
  const { article } = entry;
  const [first, ...others] = article.sources;
  const feedUrlOf = (feedId: string) => context.feeds?.find((f) => f.feedId === feedId)?.url;
  const seen = new Set(first ? [first.feedId] : []);
  const alsoReportedBy = others.flatMap((source) => {
    if (seen.has(source.feedId)) return [];
    seen.add(source.feedId);
    return [{ title: source.feedTitle, url: source.url }];
  });
  return {
    id: articleTagId(article.articleId, context.tagAuthority),
    url: article.canonicalUrl ?? article.url,
    title: article.title,
    summaryHtml: article.summaryHtml,
    contentHtml: article.contentHtml,
    publishedAt: article.publishedAt,
    updatedAt: article.updatedAt,
    authors: article.authors ?? [],
    categories: article.categories ?? [],
    language: article.language,
    source: first
      ? { title: first.feedTitle, url: first.url ?? article.url, feedUrl: feedUrlOf(first.feedId) }
      : { title: 'unknown outlet' },
    alsoReportedBy,
    why: entry.why,
  };
}

/**
 * The newest change among the shown articles: an edit, a new outlet folding in, or a late-arriving old story all
 * move it, so Last-Modified advances whenever the page's content does.
 */
export function newestChangeOf(articles: readonly Article[]): string | undefined {
  let newest: string | undefined;
  let newestMs = Number.NEGATIVE_INFINITY;
  for (const article of articles) {
    const times = [
      article.publishedAt,
      article.updatedAt,
      article.firstSeenAt,
      ...article.sources.map((s) => s.seenAt),
    ];
    for (const time of times) {
      const ms = time ? Date.parse(time) : Number.NaN;
      if (ms > newestMs) {
        newestMs = ms;
        newest = new Date(ms).toISOString();
      }
    }
  }
  return newest;
}

/** A URL under the public origin with only the given (defined) parameters, in a fixed order. */
export function urlWithParams(base: string, path: string, params: Readonly<Record<string, string | undefined>>) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) search.set(name, value);
  const query = search.toString();
  return `${base}${path}${query ? `?${query}` : ''}`;
}

export interface FeedViewInput {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly baseUrl: string;
  /** Path without extension, e.g. `/topics/china-sea-tech`. */
  readonly path: string;
  readonly homeUrl: string;
  readonly format: OutputFormat;
  /** Parameters of this request that define the document (limit, cursor, q). */
  readonly params: Readonly<Record<string, string | undefined>>;
  readonly entries: readonly ViewEntry[];
  readonly nextCursor?: string;
}

export function buildFeedView(input: FeedViewInput, context: ViewContext): FeedView {
  const path = `${input.path}.${input.format}`;
  return {
    id: input.id,
    title: input.title,
    description: input.description,
    selfUrl: urlWithParams(input.baseUrl, path, input.params),
    homeUrl: input.homeUrl,
    updatedAt: newestChangeOf(input.entries.map((e) => e.article)) ?? '1970-01-01T00:00:00Z',
    items: input.entries.map((entry) => toFeedViewItem(entry, context)),
    nextUrl: input.nextCursor
      ? urlWithParams(input.baseUrl, path, { ...input.params, cursor: input.nextCursor })
      : undefined,
  };
}
