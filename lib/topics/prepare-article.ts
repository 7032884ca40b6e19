import type { Article } from '../model.ts';
import { articleTextOf } from './article-text.ts';
import type { PositionalEvidence } from './evaluate-query.ts';
import { WordIndex } from './word-index.ts';

/**
 * Everything a query needs from an article, computed once per article and shared by all topics. Only the title
 * and summary are indexed up front; feed titles, categories and hosts are built on first use, because most
 * topics never ask for them and ingest prepares every stored article.
 */
export class PreparedArticle {
  /** Title then summary, one coordinate space so NEAR can span the two. */
  readonly text = new WordIndex();
  readonly language: string | undefined;
  /** Term key → its occurrences, filled while matching: topics and definitions repeat terms. */
  readonly termCache = new Map<string, readonly PositionalEvidence[]>();
  private sourceIndex: WordIndex | undefined;
  private categoryIndex: WordIndex | undefined;
  private hostList: readonly string[] | undefined;

  constructor(private readonly article: Article) {
    const text = articleTextOf(article);
    this.text.addNormalizedSegment('title', 0, text.title);
    this.text.addNormalizedSegment('summary', 1, text.summary);
    this.language = article.language?.toLowerCase().replace(/_/g, '-');
  }

  get sources(): WordIndex {
    if (!this.sourceIndex) {
      const index = new WordIndex();
      this.article.sources.forEach((source, segment) => {
        index.addSegment('source', segment, source.feedTitle);
      });
      this.sourceIndex = index;
    }
    return this.sourceIndex;
  }

  get categories(): WordIndex {
    if (!this.categoryIndex) {
      const index = new WordIndex();
      this.article.categories.forEach((category, segment) => {
        index.addSegment('category', segment, category);
      });
      this.categoryIndex = index;
    }
    return this.categoryIndex;
  }

  /** Lower-cased hosts of the article URL and of every outlet's URL. */
  get hosts(): readonly string[] {
    if (!this.hostList) {
      const { url, canonicalUrl, sources } = this.article;
      const hosts = [url, canonicalUrl, ...sources.map((source) => source.url)].map(hostOf);
      this.hostList = [...new Set(hosts.filter((host): host is string => host !== undefined))];
    }
    return this.hostList;
  }
}

/**
 * Remembers the last article only: callers match every topic against one article before moving to the next,
 * so one slot gets every repeat hit, and unlike a WeakMap it leaves nothing for the garbage collector to trace.
 */
let last: { article: Article; prepared: PreparedArticle } | undefined;

export function prepareArticle(article: Article): PreparedArticle {
  if (last?.article !== article) last = { article, prepared: new PreparedArticle(article) };
  return last.prepared;
}

/**
 * The lower-cased host of an absolute URL. A regex rather than `new URL()`, which costs microseconds per call and
 * runs for every article a `site:` topic sees; stored URLs were already parsed and normalized upstream.
 */
const URL_HOST = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?(\[[^\]]*\]|[^/?#:]+)/i;

function hostOf(url: string | undefined): string | undefined {
  const host = url ? URL_HOST.exec(url)?.[1] : undefined;
  return host ? host.toLowerCase().replace(/\.$/, '') : undefined;
}
