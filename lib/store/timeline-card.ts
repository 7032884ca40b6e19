import type { Article } from '../model.ts';
import { plainTextOf } from '../normalize/plain-text.ts';
import { escapeHtmlText } from '../parse/xml/xml-query.ts';

/** Longest summary a timeline copy keeps as written; a longer one becomes a plain-text excerpt of this length. */
export const CARD_SUMMARY_CHARS = 300;
const CARD_SOURCES = 8;

function excerptOf(html: string): string {
  const text = plainTextOf(html);
  if (text.length <= CARD_SUMMARY_CHARS) return escapeHtmlText(text);
  const cut = text.slice(0, CARD_SUMMARY_CHARS);
  const atWord = cut.slice(0, Math.max(cut.lastIndexOf(' '), CARD_SUMMARY_CHARS - 40));
  return `${escapeHtmlText(atWord.trimEnd())}…`;
}

/** A summary as outputs show it: as written up to CARD_SUMMARY_CHARS, else a plain-text excerpt of that length. */
export const cardSummaryOf = (html: string): string => (html.length <= CARD_SUMMARY_CHARS ? html : excerptOf(html));

/**
 * The copy of an article kept in the day stream and in each topic: what a feed reader shows (headline, link,
 * a summary of a few hundred characters, the outlets) and no more, so each copy stays within one 1 KB write unit.
 */
export function timelineCardOf(article: Article): Article {
  const summary = article.summaryHtml ?? article.contentHtml;
  return {
    articleId: article.articleId,
    url: article.url,
    ...(article.canonicalUrl && article.canonicalUrl !== article.url ? { canonicalUrl: article.canonicalUrl } : {}),
    title: article.title,
    summaryHtml: summary === undefined ? undefined : cardSummaryOf(summary),
    publishedAt: article.publishedAt,
    updatedAt: article.updatedAt,
    firstSeenAt: article.firstSeenAt,
    authors: article.authors.slice(0, 3),
    categories: article.categories.slice(0, 5),
    language: article.language,
    // The outlets as a reader sees them; entry keys matter only to the article item's fold bookkeeping, and a
    // source link equal to the article's own is implied (readers fall back to the article URL).
    sources: article.sources
      .slice(0, CARD_SOURCES)
      .map(({ entryKey: _key, url, ...source }) => (url && url !== article.url ? { ...source, url } : source)),
    topics: [],
  };
}
