import type { Article } from '../model.ts';
import type { PositionalEvidence } from './evaluate-query.ts';
import { htmlToText } from './html-to-text.ts';
import { normalizeText, tokenizeNormalized } from './tokenize-text.ts';
import { type IndexedWord, WordIndex, type Zone } from './word-index.ts';

/** Enough text to judge a story; caps the cost of pathological multi-megabyte summaries. */
const MAX_SUMMARY_CHARS = 20_000;

/** Everything a query needs from an article, computed once per article and shared by all topics. */
export interface PreparedArticle {
  /** Title then summary, one coordinate space so NEAR can span the two. */
  readonly text: WordIndex;
  readonly sources: WordIndex;
  readonly categories: WordIndex;
  /** Lower-cased hosts of the article URL and of every outlet's URL. */
  readonly hosts: readonly string[];
  readonly language: string | undefined;
  /** Term key → its occurrences, filled while matching: topics and definitions repeat terms. */
  readonly termCache: Map<string, readonly PositionalEvidence[]>;
}

const cache = new WeakMap<Article, PreparedArticle>();

/** Memoized per Article object: matching ten topics tokenizes the article once. */
export function prepareArticle(article: Article): PreparedArticle {
  let prepared = cache.get(article);
  if (!prepared) {
    prepared = buildPreparedArticle(article);
    cache.set(article, prepared);
  }
  return prepared;
}

function buildPreparedArticle(article: Article): PreparedArticle {
  // Feeds that only ship content:encoded have no summary; the opening of the content plays its role.
  const summaryHtml = article.summaryHtml?.trim() ? article.summaryHtml : (article.contentHtml ?? '');
  const summary = htmlToText(summaryHtml.slice(0, MAX_SUMMARY_CHARS * 2)).slice(0, MAX_SUMMARY_CHARS);
  const textWords: IndexedWord[] = [];
  addSegment(textWords, 'title', 0, htmlToText(article.title));
  addSegment(textWords, 'summary', 1, summary);
  const sourceWords: IndexedWord[] = [];
  article.sources.forEach((source, index) => {
    addSegment(sourceWords, 'source', index, source.feedTitle);
  });
  const categoryWords: IndexedWord[] = [];
  article.categories.forEach((category, index) => {
    addSegment(categoryWords, 'category', index, category);
  });
  const urls = [article.url, article.canonicalUrl, ...article.sources.map((source) => source.url)];
  const hosts = [...new Set(urls.map(hostOf).filter((host): host is string => host !== undefined))];
  return {
    text: new WordIndex(textWords),
    sources: new WordIndex(sourceWords),
    categories: new WordIndex(categoryWords),
    hosts,
    language: article.language?.toLowerCase().replace(/_/g, '-'),
    termCache: new Map(),
  };
}

function addSegment(into: IndexedWord[], zone: Zone, segment: number, text: string): void {
  const before = into.filter((word) => word.zone === zone).length;
  tokenizeNormalized(normalizeText(text)).forEach((word, index) => {
    into.push({ ...word, zone, segment, zoneIndex: before + index + 1 });
  });
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return undefined;
  }
}
