import { entryKeyOf } from '../dedupe/entry-key.ts';
import type { NormalizedEntry } from '../model.ts';
import type { Enclosure, ParsedEntryDetail, Person, TextType } from '../parse/parsed-feed-detail.ts';
import { escapeHtmlText } from '../parse/xml/xml-query.ts';
import { cleanLine, cleanText } from './clean-text.ts';
import { parseFeedDate } from './parse-date.ts';
import { plainTextOf } from './plain-text.ts';
import { repairMojibake } from './repair-mojibake.ts';
import { resolveHttpUrl } from './resolve-url.ts';
import { sanitizeFeedHtml } from './sanitize-feed-html.ts';
import type { UntrustedIdentities } from './untrusted-identities.ts';

/** What normalizeFeed knows beyond the `NormalizedEntry` contract (used by tools such as the parser harness). */
export interface NormalizedEntryDetail extends NormalizedEntry {
  /** The guid / atom:id / JSON id exactly as the feed states it. */
  readonly guid?: string;
  /** False when the guid is reused for different stories, so entryKey ignores it. */
  readonly guidTrusted: boolean;
  /** The feed's own title: plain text, or sanitized HTML when the feed typed it as HTML; undefined when absent. */
  readonly sourceTitle?: string;
  /** Summary and content as typed: the plain text when the feed typed them as text, else the sanitized HTML. */
  readonly sourceSummary?: string;
  readonly sourceContent?: string;
  /** Where publishedAt came from. */
  readonly publishedFrom: 'published' | 'updated' | 'first-seen';
  readonly people: readonly Person[];
  readonly enclosures: readonly Enclosure[];
}

export interface EntryContext {
  readonly fetchedAt: string;
  /** Absolute http(s) bases, best first: the feed's xml:base, its home page, the URL it was fetched from. */
  readonly bases: readonly (string | undefined)[];
  readonly feedLanguage?: string;
  readonly untrusted: UntrustedIdentities;
}

/** A publish date more than this far ahead of the fetch is a broken clock, not news from the future. */
const MAX_FUTURE_MS = 24 * 3600 * 1000;

/** The entry's absolute link: its own xml:base first, then the entry's, then the feed's bases. */
export function entryUrlOf(entry: ParsedEntryDetail, feedBases: readonly (string | undefined)[]): string | undefined {
  const bases = [resolveHttpUrl(entry.base, ...feedBases), ...feedBases];
  return resolveHttpUrl(entry.link, resolveHttpUrl(entry.linkBase, ...bases), ...bases);
}

/** `url` is entryUrlOf(parsed, context.bases), computed once by the caller for the identity checks. */
export function normalizeEntry(
  parsed: ParsedEntryDetail,
  url: string | undefined,
  context: EntryContext,
): NormalizedEntryDetail {
  const entry = repairTextFields(parsed);
  const bases = [resolveHttpUrl(entry.base, ...context.bases), ...context.bases];
  const contentBases = [url, ...bases];
  const guid = entry.guid?.trim() || undefined;
  const guidTrusted = guid !== undefined && !context.untrusted.guids.has(guid);
  const title = plainTextOf(entry.title, entry.titleType ?? 'html');
  const { publishedAt, publishedFrom } = publishedOf(entry, context.fetchedAt);
  const summaryHtml = htmlOf(
    entry.summary,
    entry.summaryType,
    resolveHttpUrl(entry.summaryBase, ...bases),
    contentBases,
  );
  const contentHtml = htmlOf(
    entry.content,
    entry.contentType,
    resolveHttpUrl(entry.contentBase, ...bases),
    contentBases,
  );
  return {
    entryKey: entryKeyOf({
      guid: guidTrusted ? guid : undefined,
      url: url !== undefined && context.untrusted.links.has(url) ? undefined : url,
      title,
      // Only a date the feed states keeps the key stable across fetches; first-seen time would change it.
      publishedAt: publishedFrom === 'first-seen' ? undefined : publishedAt,
    }),
    url,
    title: title || plainTextOf((summaryHtml ?? contentHtml)?.slice(0, 4096)).slice(0, 120),
    summaryHtml,
    contentHtml,
    publishedAt,
    updatedAt: parseFeedDate(entry.updated),
    authors: unique(entry.authors),
    categories: unique(entry.categories),
    language: normalizeLanguage(entry.language ?? context.feedLanguage),
    guid,
    guidTrusted,
    sourceTitle: sourceTitleOf(entry.title, entry.titleType, [
      resolveHttpUrl(entry.titleBase, ...bases),
      ...contentBases,
    ]),
    sourceSummary: entry.summaryType === 'text' ? entry.summary?.trim() || undefined : summaryHtml,
    sourceContent: entry.contentType === 'text' ? entry.content?.trim() || undefined : contentHtml,
    publishedFrom,
    people: entry.people ?? [],
    enclosures: (entry.enclosures ?? []).flatMap((enclosure) => {
      const absolute = resolveHttpUrl(enclosure.url, ...contentBases);
      return absolute ? [{ ...enclosure, url: absolute }] : [];
    }),
  };
}

/**
 * The fields people read, made clean before anything else looks at them: characters XML forbids (NUL, ESC, other
 * controls, lone surrogates) dropped, and double-encoded UTF-8 undone (see repair-mojibake.ts).
 */
function repairTextFields(entry: ParsedEntryDetail): ParsedEntryDetail {
  const { title, summary, content } = entry;
  const repair = (text: string | undefined) => text && repairMojibake(cleanText(text));
  return {
    ...entry,
    title: repair(title),
    summary: repair(summary),
    content: repair(content),
    authors: entry.authors.map(cleanLine).filter(Boolean),
    categories: entry.categories.map(cleanLine).filter(Boolean),
  };
}

function publishedOf(
  entry: ParsedEntryDetail,
  fetchedAt: string,
): Pick<NormalizedEntryDetail, 'publishedAt' | 'publishedFrom'> {
  const published = parseFeedDate(entry.published);
  const updated = published ? undefined : parseFeedDate(entry.updated);
  const stated = published ?? updated;
  if (!stated || Date.parse(stated) - Date.parse(fetchedAt) > MAX_FUTURE_MS) {
    return { publishedAt: new Date(fetchedAt).toISOString(), publishedFrom: 'first-seen' };
  }
  return { publishedAt: stated, publishedFrom: published ? 'published' : 'updated' };
}

function htmlOf(
  value: string | undefined,
  type: TextType | undefined,
  ownBase: string | undefined,
  bases: readonly (string | undefined)[],
): string | undefined {
  if (!value?.trim()) return undefined;
  const html = type === 'text' ? escapeHtmlText(value) : value;
  return sanitizeFeedHtml(html, ownBase ?? bases.find((base) => base !== undefined));
}

function sourceTitleOf(
  value: string | undefined,
  type: TextType | undefined,
  bases: readonly (string | undefined)[],
): string | undefined {
  if (value === undefined) return undefined;
  if (type === 'text') return value.trim();
  return (
    sanitizeFeedHtml(
      value,
      bases.find((base) => base !== undefined),
    ) ?? ''
  );
}

/** `en_US` → `en-US`; anything that is not a language tag is dropped. */
export function normalizeLanguage(raw: string | undefined): string | undefined {
  const tag = raw?.trim().replace(/_/g, '-');
  return tag && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(tag) ? tag : undefined;
}

function unique(values: readonly string[] | undefined): string[] {
  return [...new Set((values ?? []).map((value) => value.replace(/\s+/g, ' ').trim()).filter((value) => value !== ''))];
}
