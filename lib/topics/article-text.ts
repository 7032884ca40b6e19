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
  // Each on its own: the title and the summary are separate segments of the word index.
  return { title: normalizedTextOf(article.title), summary: normalizedTextOf(summaryHtml, MAX_SUMMARY_CHARS) };
}

/** Printable ASCII except `<`, `&` and the backtick: the characters the steps below leave alone. */
const NOT_PLAIN_ASCII = /[^\x20-\x25\x27-\x3b\x3d-\x5f\x61-\x7e]/;
/** Below textOfHtml's and plainTextOf's caps, so neither would cut the text. */
const PLAIN_MAX_CHARS = 16_384;

/**
 * normalizeText(textOfHtml(html)), capped at `maxChars` of text. Printable ASCII without markup, references,
 * backticks or doubled spaces (most English plain-text summaries) is only trimmed and lower-cased by those steps,
 * so one test of the characters replaces the three passes.
 */
export function normalizedTextOf(html: string, maxChars = Number.POSITIVE_INFINITY): string {
  if (html.length <= Math.min(PLAIN_MAX_CHARS, maxChars) && !NOT_PLAIN_ASCII.test(html) && !html.includes('  ')) {
    return html.trim().toLowerCase();
  }
  return normalizeText(textOfHtml(html.slice(0, maxChars * 2)).slice(0, maxChars));
}
