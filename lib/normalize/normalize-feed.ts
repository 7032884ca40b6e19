import type { NormalizedEntry, ParsedFeed } from '../model.ts';
import type { ParsedFeedDetail } from '../parse/parsed-feed-detail.ts';
import { escapeHtmlText } from '../parse/xml/xml-query.ts';
import { entryUrlOf, type NormalizedEntryDetail, normalizeEntry, normalizeLanguage } from './normalize-entry.ts';
import { parseFeedDate } from './parse-date.ts';
import { plainTextOf } from './plain-text.ts';
import { firstHttpBase, resolveHttpUrl } from './resolve-url.ts';
import { sanitizeFeedHtml } from './sanitize-feed-html.ts';
import { untrustedIdentitiesOf } from './untrusted-identities.ts';

export type { NormalizedEntryDetail } from './normalize-entry.ts';

export interface NormalizeContext {
  /** The URL the feed was fetched from (after redirects); the last-resort base for relative links. */
  readonly feedUrl: string;
  /** ISO time of this fetch: the publish date of entries that state none. */
  readonly fetchedAt: string;
}

export interface NormalizedFeedInfo {
  readonly title: string;
  /** The feed's own title as typed (text, or sanitized HTML); undefined when absent. */
  readonly sourceTitle?: string;
  readonly link?: string;
  readonly descriptionHtml?: string;
  /** The description as typed: plain text, or the sanitized HTML. */
  readonly sourceDescription?: string;
  readonly language?: string;
  readonly updatedAt?: string;
  readonly ttlMinutes?: number;
}

/** Entries ready for dedupe and storage: absolute URLs, ISO dates, sanitized HTML, plain-text titles, stable keys. */
export function normalizeFeed(feed: ParsedFeed, context: NormalizeContext): NormalizedEntry[] {
  return normalizeFeedDetailed(feed, context).entries.filter(isShowable).map(toContractEntry);
}

/**
 * An entry with no title, no link and no text (an empty `<entry/>`, a bare id) is nothing a reader can show or a
 * topic can match, so it is not stored. normalizeFeedDetailed keeps it: it describes the document, not the store.
 */
export function isShowable(entry: NormalizedEntry): boolean {
  return entry.title !== '' || entry.url !== undefined;
}

/** Same as normalizeFeed, plus feed-level fields and each entry's provenance (see NormalizedEntryDetail). */
export function normalizeFeedDetailed(
  parsed: ParsedFeed,
  context: NormalizeContext,
): { feed: NormalizedFeedInfo; entries: NormalizedEntryDetail[] } {
  const feed = parsed as ParsedFeedDetail;
  const fetchedAt = Number.isNaN(Date.parse(context.fetchedAt)) ? new Date(0).toISOString() : context.fetchedAt;
  const documentUrl = firstHttpBase(context.feedUrl);
  const feedBase = resolveHttpUrl(feed.base, documentUrl);
  const link = resolveHttpUrl(feed.link, resolveHttpUrl(feed.linkBase, feedBase, documentUrl), feedBase, documentUrl);
  const bases = [feedBase, link, documentUrl];
  const urls = feed.entries.map((entry) => entryUrlOf(entry, bases));
  const untrusted = untrustedIdentitiesOf(
    feed.entries.map((entry, index) => ({ guid: entry.guid, url: urls[index], title: entry.title })),
    link,
  );
  const language = normalizeLanguage(feed.language);
  const entries = feed.entries.map((entry, index) =>
    normalizeEntry(entry, urls[index], { fetchedAt, bases, feedLanguage: language, untrusted }),
  );
  const isTextDescription = feed.descriptionType === 'text';
  const descriptionHtml = sanitizeFeedHtml(
    isTextDescription && feed.description ? escapeHtmlText(feed.description) : feed.description,
    feedBase ?? link ?? documentUrl,
  );
  return {
    feed: {
      title: plainTextOf(feed.title, feed.titleType ?? 'html'),
      sourceTitle:
        feed.title === undefined
          ? undefined
          : feed.titleType === 'text'
            ? feed.title.trim()
            : (sanitizeFeedHtml(feed.title, resolveHttpUrl(feed.titleBase, ...bases) ?? bases.find(Boolean)) ?? ''),
      link,
      descriptionHtml,
      sourceDescription: isTextDescription
        ? feed.description?.trim()
        : (descriptionHtml ?? (feed.description === undefined ? undefined : '')),
      language,
      updatedAt: parseFeedDate(feed.updated),
      ttlMinutes: feed.ttlMinutes,
    },
    entries,
  };
}

/** Exactly the contract's fields, so nothing of the detail leaks into storage by accident. */
function toContractEntry(entry: NormalizedEntryDetail): NormalizedEntry {
  const { entryKey, url, title, summaryHtml, contentHtml, publishedAt, updatedAt, authors, categories, language } =
    entry;
  const contract: NormalizedEntry = { entryKey, title, publishedAt, authors, categories };
  return Object.assign(
    contract,
    url === undefined ? {} : { url },
    summaryHtml === undefined ? {} : { summaryHtml },
    contentHtml === undefined ? {} : { contentHtml },
    updatedAt === undefined ? {} : { updatedAt },
    language === undefined ? {} : { language },
  );
}
