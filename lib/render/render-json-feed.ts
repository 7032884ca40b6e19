import type { FeedView } from '../model.ts';
import { type Outlet, type PreparedItem, prepareView } from './prepare-view.ts';
import { WIREFOLD_NS } from './wirefold-namespace.ts';

/**
 * JSON Feed 1.1. Keys are written in a fixed order and absent values are omitted, so the bytes depend only on the
 * data. Our additions live in the `_wirefold` extension object, as the spec asks for custom fields.
 */

const outletJson = (outlet: Outlet) => ({ title: outlet.title, url: outlet.url, feed_url: outlet.feedUrl });

function itemJson(item: PreparedItem) {
  return {
    id: item.id,
    url: item.url,
    title: item.title,
    // JSON Feed requires content_html or content_text; an empty text is the honest value when there is none.
    content_html: item.contentHtml ?? item.summaryHtml,
    content_text: item.contentHtml === undefined && item.summaryHtml === undefined ? '' : undefined,
    summary: item.contentHtml !== undefined ? item.summaryHtml : undefined,
    date_published: item.published,
    date_modified: item.updated,
    authors: item.authors.length > 0 ? item.authors.map((name) => ({ name })) : undefined,
    tags: item.categories.length > 0 ? item.categories : undefined,
    language: item.language,
    _wirefold: {
      about: WIREFOLD_NS,
      source: item.source ? outletJson(item.source) : undefined,
      also_reported_by: item.alsoReportedBy.map(outletJson),
      why: item.why,
    },
  };
}

export function renderJsonFeed(view: FeedView): string {
  const feed = prepareView(view);
  const json = {
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.homeUrl,
    feed_url: feed.selfUrl,
    description: feed.description || undefined,
    next_url: feed.nextUrl,
    authors: [{ name: 'wirefold' }],
    items: feed.items.map(itemJson),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
