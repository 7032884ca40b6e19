import type { Article } from '../model.ts';
import { textOfHtml } from './text-of-html.ts';
import { normalizeText } from './tokenize-text.ts';

/** Enough text to judge a story; caps the cost of pathological multi-megabyte summaries. */
const MAX_SUMMARY_CHARS = 20_000;

/** The normalized title and summary that every text query reads (see prepare-article.ts). */
export interface ArticleText {
  readonly title: string;
  readonly summary: string;
}

export function articleTextOf(article: Article): ArticleText {
  // Feeds that only ship content:encoded have no summary; the opening of the content plays its role.
  const summaryHtml = article.summaryHtml?.trim() ? article.summaryHtml : (article.contentHtml ?? '');
  const summary = textOfHtml(summaryHtml.slice(0, MAX_SUMMARY_CHARS * 2)).slice(0, MAX_SUMMARY_CHARS);
  // Each on its own: the title and the summary are separate segments of the word index.
  return { title: normalizeText(textOfHtml(article.title)), summary: normalizeText(summary) };
}
