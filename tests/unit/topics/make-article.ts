import type { Article } from '../../../lib/model.ts';

/** A minimal Article for matcher tests; only what the test cares about is given. */
export function makeArticle(fields: {
  title: string;
  summaryHtml?: string;
  contentHtml?: string;
  url?: string;
  language?: string;
  categories?: string[];
  sources?: { feedTitle: string; url?: string }[];
}): Article {
  const { sources = [{ feedTitle: 'Test Wire', url: 'https://news.example.com/a/1' }], ...rest } = fields;
  return {
    articleId: 'a1',
    publishedAt: '2024-01-02T03:04:05.000Z',
    firstSeenAt: '2024-01-02T03:04:05.000Z',
    authors: [],
    categories: [],
    topics: [],
    ...rest,
    sources: sources.map((source, index) => ({
      feedId: `f${index}`,
      entryKey: `k${index}`,
      seenAt: '2024-01-02T03:04:05.000Z',
      ...source,
    })),
  };
}
