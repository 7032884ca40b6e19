import type { FeedView } from '../model.ts';
import { toRfc822 } from './feed-dates.ts';
import { type PreparedItem, prepareView } from './prepare-view.ts';
import { WIREFOLD_NS } from './wirefold-namespace.ts';
import { XmlWriter } from './xml-writer.ts';

/**
 * RSS 2.0 with the extensions readers understand: atom:link for self/next (RFC 5005 paging), content:encoded for
 * full text, dc:creator for authors (RSS <author> must be an e-mail address), <source url> for the first outlet.
 * The match explanation and other outlets go in our own namespace, which readers ignore safely.
 */

function writeItem(xml: XmlWriter, item: PreparedItem): void {
  xml.open('item');
  xml.text('title', item.title);
  xml.text('link', item.url);
  xml.text('guid', item.id, { isPermaLink: 'false' });
  xml.text('pubDate', toRfc822(item.published ?? item.updated));
  xml.text('description', item.summaryHtml ?? item.contentHtml);
  if (item.summaryHtml !== undefined) xml.text('content:encoded', item.contentHtml);
  for (const author of item.authors) xml.text('dc:creator', author);
  for (const category of item.categories) xml.text('category', category);
  if (item.source?.feedUrl) xml.text('source', item.source.title, { url: item.source.feedUrl });
  if (item.source) xml.text('wf:source', item.source.title, { url: item.source.url, feed: item.source.feedUrl });
  for (const outlet of item.alsoReportedBy) xml.text('wf:alsoReportedBy', outlet.title, { url: outlet.url });
  for (const line of item.why) xml.text('wf:why', line);
  xml.close();
}

export function renderRss(view: FeedView): string {
  const feed = prepareView(view);
  const xml = new XmlWriter();
  xml.open('rss', {
    version: '2.0',
    'xmlns:atom': 'http://www.w3.org/2005/Atom',
    'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
    'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
    'xmlns:wf': WIREFOLD_NS,
  });
  xml.open('channel');
  xml.text('title', feed.title);
  xml.text('link', feed.homeUrl);
  xml.text('description', feed.description || feed.title);
  xml.empty('atom:link', { href: feed.selfUrl, rel: 'self', type: 'application/rss+xml' });
  if (feed.nextUrl) xml.empty('atom:link', { href: feed.nextUrl, rel: 'next', type: 'application/rss+xml' });
  xml.text('lastBuildDate', toRfc822(feed.updated));
  xml.text('generator', 'wirefold');
  xml.text('docs', 'https://www.rssboard.org/rss-specification');
  for (const item of feed.items) writeItem(xml, item);
  xml.close().close();
  return xml.toString();
}
