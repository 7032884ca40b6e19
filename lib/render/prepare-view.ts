import type { FeedView, FeedViewItem } from '../model.ts';
import { cleanLanguage, cleanLine, cleanText } from './clean-text.ts';
import { EPOCH_ISO, toRfc3339 } from './feed-dates.ts';
import { outputUrl } from './output-url.ts';
import { safeHtml } from './safe-html.ts';

/**
 * One cleaning pass shared by every renderer, so RSS, Atom and JSON Feed carry exactly the same values for an item:
 * plain one-line titles and names, safe HTML, absolute URLs, RFC 3339 instants, no empty or duplicate lists entries.
 */

export interface Outlet {
  readonly title: string;
  readonly url?: string;
  readonly feedUrl?: string;
}

export interface PreparedItem {
  readonly id: string;
  readonly url?: string;
  readonly title: string;
  readonly summaryHtml?: string;
  readonly contentHtml?: string;
  /** RFC 3339, seconds precision. */
  readonly published?: string;
  /** RFC 3339; the published time when the item was never updated (Atom requires one). */
  readonly updated: string;
  readonly authors: readonly string[];
  readonly categories: readonly string[];
  readonly language?: string;
  readonly source?: Outlet;
  readonly alsoReportedBy: readonly Outlet[];
  readonly why: readonly string[];
}

export interface PreparedView {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly selfUrl: string;
  readonly homeUrl: string;
  readonly nextUrl?: string;
  readonly updated: string;
  readonly items: readonly PreparedItem[];
}

export const UNTITLED = '(untitled)';

const distinctLines = (values: readonly string[]): string[] => [
  ...new Set(values.map(cleanLine).filter((v) => v !== '')),
];

function nonEmptyHtml(html: string | undefined): string | undefined {
  if (html === undefined) return undefined;
  const safe = safeHtml(html).trim();
  return safe === '' ? undefined : safe;
}

function prepareOutlet(outlet: { title: string; url?: string; feedUrl?: string }): Outlet | undefined {
  const title = cleanLine(outlet.title);
  const url = outputUrl(outlet.url);
  const feedUrl = outputUrl(outlet.feedUrl);
  if (title === '' && !url) return undefined;
  return { title: title || (url ? new URL(url).hostname : UNTITLED), url, feedUrl };
}

export function prepareItem(item: FeedViewItem, fallbackUpdated: string): PreparedItem {
  const published = toRfc3339(item.publishedAt);
  return {
    id: cleanLine(item.id),
    url: outputUrl(item.url),
    title: cleanLine(item.title) || UNTITLED,
    summaryHtml: nonEmptyHtml(item.summaryHtml),
    contentHtml: nonEmptyHtml(item.contentHtml),
    published,
    updated: toRfc3339(item.updatedAt) ?? published ?? fallbackUpdated,
    authors: distinctLines(item.authors),
    categories: distinctLines(item.categories),
    language: cleanLanguage(item.language),
    source: prepareOutlet(item.source),
    alsoReportedBy: item.alsoReportedBy.flatMap((outlet) => prepareOutlet(outlet) ?? []),
    why: (item.why ?? []).map(cleanLine).filter((line) => line !== ''),
  };
}

export function prepareView(view: FeedView): PreparedView {
  const updated = toRfc3339(view.updatedAt) ?? EPOCH_ISO;
  return {
    id: cleanLine(view.id),
    title: cleanLine(view.title) || UNTITLED,
    description: cleanText(view.description).trim(),
    selfUrl: outputUrl(view.selfUrl) ?? view.selfUrl,
    homeUrl: outputUrl(view.homeUrl) ?? view.homeUrl,
    nextUrl: outputUrl(view.nextUrl),
    updated,
    items: view.items.map((item) => prepareItem(item, updated)),
  };
}
