import type { Article } from '../model.ts';
import { escapeHtmlText } from '../parse/xml/xml-query.ts';

/** One line of a labeled/unlabeled items file (the format of ../shared/topics/<slug>/dev.jsonl). */
export interface TopicItem {
  readonly id: string;
  readonly title: string;
  readonly summary?: string;
  readonly link?: string;
  readonly source?: string;
  readonly published?: string | null;
  readonly categories?: readonly string[];
  readonly language?: string;
}

/** A labeled item adds the analyst's verdict. */
export interface LabeledItem extends TopicItem {
  readonly label: 0 | 1;
  readonly ambiguous?: boolean;
  readonly reason?: string;
  readonly bucket?: string;
}

const EPOCH = '1970-01-01T00:00:00.000Z';

/** Items carry plain text; the matcher reads HTML, so the text is escaped rather than trusted as markup. */
export function itemToArticle(item: TopicItem): Article {
  const publishedAt = isoOrEpoch(item.published);
  const url = item.link ? item.link : undefined;
  const sourceName = item.source ?? '';
  return {
    articleId: item.id,
    ...(url ? { url } : {}),
    title: item.title,
    summaryHtml: escapeHtmlText(item.summary ?? ''),
    publishedAt,
    firstSeenAt: publishedAt,
    authors: [],
    categories: item.categories ?? [],
    ...(item.language ? { language: item.language } : {}),
    sources: sourceName
      ? [{ feedId: sourceName, feedTitle: sourceName, entryKey: item.id, seenAt: publishedAt, ...(url ? { url } : {}) }]
      : [],
    topics: [],
  };
}

function isoOrEpoch(value: string | null | undefined): string {
  if (!value) return EPOCH;
  const time = Date.parse(value);
  return Number.isNaN(time) ? EPOCH : new Date(time).toISOString();
}
