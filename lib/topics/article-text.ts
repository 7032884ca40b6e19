import type { Article } from '../model.ts';
import { textOfHtml } from './text-of-html.ts';
import { hasNonAsciiWordChar, normalizeText } from './tokenize-text.ts';

/** Enough text to judge a story; caps the cost of pathological multi-megabyte summaries. */
const MAX_SUMMARY_CHARS = 20_000;

/**
 * The normalized title and summary every text query reads, computed once per article and shared by the prefilter
 * (query-prefilter.ts) and the word index (prepare-article.ts), so the two can never see different text.
 */
export class ArticleText {
  readonly normalizedTitle: string;
  readonly normalizedSummary: string;
  /**
   * Title and summary joined by a line break that no word or character run can span: every word the index finds
   * is a slice of this string.
   */
  readonly normalized: string;
  /**
   * Whether any letter, mark or digit is outside ASCII. When none is, the word index folds nothing (every word is
   * its own folded form), so a diacritic-insensitive word can only occur where `normalized` contains it.
   */
  readonly hasNonAsciiWord: boolean;

  constructor(article: Article) {
    // Feeds that only ship content:encoded have no summary; the opening of the content plays its role.
    const summaryHtml = article.summaryHtml?.trim() ? article.summaryHtml : (article.contentHtml ?? '');
    const summary = textOfHtml(summaryHtml.slice(0, MAX_SUMMARY_CHARS * 2)).slice(0, MAX_SUMMARY_CHARS);
    // Each on its own, exactly as the word index always normalized its segments.
    this.normalizedTitle = normalizeText(textOfHtml(article.title));
    this.normalizedSummary = normalizeText(summary);
    this.normalized = `${this.normalizedTitle}\n${this.normalizedSummary}`;
    this.hasNonAsciiWord = hasNonAsciiWordChar(this.normalized);
  }
}

/** One slot, like prepareArticle: callers run every topic against one article before moving to the next. */
let last: { article: Article; text: ArticleText } | undefined;

export function articleTextOf(article: Article): ArticleText {
  if (last?.article !== article) last = { article, text: new ArticleText(article) };
  return last.text;
}
