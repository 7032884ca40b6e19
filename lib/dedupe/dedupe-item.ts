import { canonicalizeUrl } from './canonical-url.ts';
import { contentWordsOf, plainTextOf, shinglesOf, wordsOf } from './text.ts';
import { type UrlIdentity, urlIdentityOf } from './url-identity.ts';

/**
 * What the folding decision looks at: the fields every feed item has, stored on the article for the item that
 * created it. The CLI reads the same shape from JSONL pairs; ingest builds it from a NormalizedEntry.
 */
export interface DedupeItem {
  readonly title: string;
  /** HTML or plain text; tags are stripped before comparing. */
  readonly summary?: string;
  readonly url?: string;
  /** The feed that carried it (signals only: a feed is not an outlet, aggregators list many outlets). */
  readonly feedUrl?: string;
  /** ISO 8601 (a bare date is accepted and treated as midnight UTC). */
  readonly publishedAt?: string;
}

/** An item with its normalized text computed once, so a candidate list costs one preparation per item. */
export interface PreparedItem {
  readonly item: DedupeItem;
  readonly canonicalUrl?: string;
  readonly urlIdentity?: UrlIdentity;
  readonly titleWords: readonly string[];
  readonly titleContent: ReadonlySet<string>;
  readonly titleKey: string;
  readonly summaryWords: readonly string[];
  readonly summaryShingles: ReadonlySet<string>;
  readonly publishedMs?: number;
  /** Whether the timestamp carries a time of day (a bare date cannot show a re-issue at the same instant). */
  readonly publishedHasTime: boolean;
}

/** Summaries are cut to the lede: the first words decide identity, and a 2,000-character blurb must stay cheap. */
export const SUMMARY_WORDS_COMPARED = 80;

export function prepareItem(item: DedupeItem): PreparedItem {
  const url = item.url?.trim() || undefined;
  const canonicalUrl = url ? canonicalizeUrl(url) : undefined;
  const urlIdentity = urlIdentityOf(url);
  const titleWords = wordsOf(plainTextOf(item.title));
  const summaryWords = wordsOf(plainTextOf(item.summary)).slice(0, SUMMARY_WORDS_COMPARED);
  // Archives and some feeds write `2022-12-22 19:45:02+00:00`; the space form parses the same once made ISO.
  const publishedMs = item.publishedAt
    ? Date.parse(item.publishedAt.replace(/^(\d{4}-\d{2}-\d{2}) /, '$1T'))
    : Number.NaN;
  return {
    item,
    ...(canonicalUrl ? { canonicalUrl } : {}),
    ...(urlIdentity ? { urlIdentity } : {}),
    titleWords,
    titleContent: new Set(contentWordsOf(titleWords)),
    titleKey: titleWords.join(' '),
    summaryWords,
    summaryShingles: shinglesOf(summaryWords, 3),
    ...(Number.isFinite(publishedMs) ? { publishedMs } : {}),
    publishedHasTime: /\d{2}:\d{2}/.test(item.publishedAt ?? ''),
  };
}

/** Hostile feeds send 1 MB "words"; the stored lede is capped in characters as well as in words. */
const MAX_LEDE_CHARS = 2000;

/**
 * The part of a summary the decision reads — its first SUMMARY_WORDS_COMPARED words — as plain text. Stored on
 * band items so a stored candidate is judged on exactly the text the CLI would judge it on.
 */
export function ledeOf(summary: string | undefined): string {
  const kept: string[] = [];
  let words = 0;
  // Whitespace tokens are kept until they hold SUMMARY_WORDS_COMPARED words: a token such as "—" holds none.
  for (const token of plainTextOf(summary).split(' ')) {
    if (words >= SUMMARY_WORDS_COMPARED) break;
    kept.push(token);
    words += wordsOf(token).length;
  }
  return kept.join(' ').slice(0, MAX_LEDE_CHARS);
}

/**
 * The fold decision's view of a normalized feed entry. The summary is the entry's description, or its content when
 * the feed gives only that (JSON Feed `content_text`, Atom `content`): the decision reads its first words either way.
 */
export function dedupeItemOfEntry(
  entry: {
    readonly title: string;
    readonly summaryHtml?: string;
    readonly contentHtml?: string;
    readonly url?: string;
    readonly publishedAt: string;
  },
  feedUrl: string,
): DedupeItem {
  const summary = entry.summaryHtml?.trim() ? entry.summaryHtml : entry.contentHtml;
  return {
    title: entry.title,
    ...(summary ? { summary } : {}),
    ...(entry.url ? { url: entry.url } : {}),
    feedUrl,
    publishedAt: entry.publishedAt,
  };
}
