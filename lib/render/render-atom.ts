import type { FeedView } from '../model.ts';
import { type PreparedItem, prepareView } from './prepare-view.ts';
import { WIREFOLD_NS } from './wirefold-namespace.ts';
import { XmlWriter } from './xml-writer.ts';

/**
 * Atom 1.0 (RFC 4287) with RFC 5005 `rel="next"` paging. The feed-level author satisfies RFC 4287's author rule for
 * entries without their own; `<source>` names the first outlet; our namespace carries the rest.
 */

function writeEntry(xml: XmlWriter, item: PreparedItem): void {
  xml.open('entry', item.language ? { 'xml:lang': item.language } : undefined);
  xml.text('id', item.id);
  xml.text('title', item.title, { type: 'text' });
  if (item.url) xml.empty('link', { rel: 'alternate', type: 'text/html', href: item.url });
  xml.text('published', item.published);
  xml.text('updated', item.updated);
  for (const author of item.authors) xml.open('author').text('name', author).close();
  for (const category of item.categories) xml.empty('category', { term: category });
  xml.text('summary', item.summaryHtml, { type: 'html' });
  // Without an alternate link RFC 4287 requires content; an empty text content is the honest value then.
  if (item.contentHtml !== undefined) xml.text('content', item.contentHtml, { type: 'html' });
  else if (!item.url && item.summaryHtml === undefined) xml.text('content', '', { type: 'text' });
  if (item.source) {
    xml.open('source');
    xml.text('title', item.source.title, { type: 'text' });
    if (item.source.url) xml.empty('link', { rel: 'alternate', type: 'text/html', href: item.source.url });
    if (item.source.feedUrl) xml.empty('link', { rel: 'self', href: item.source.feedUrl });
    xml.close();
  }
  for (const outlet of item.alsoReportedBy) xml.text('wf:alsoReportedBy', outlet.title, { url: outlet.url });
  for (const line of item.why) xml.text('wf:why', line);
  xml.close();
}

export function renderAtom(view: FeedView): string {
  const feed = prepareView(view);
  const xml = new XmlWriter();
  xml.open('feed', { xmlns: 'http://www.w3.org/2005/Atom', 'xmlns:wf': WIREFOLD_NS });
  xml.text('id', feed.id);
  xml.text('title', feed.title, { type: 'text' });
  if (feed.description) xml.text('subtitle', feed.description, { type: 'text' });
  xml.text('updated', feed.updated);
  xml.empty('link', { rel: 'self', type: 'application/atom+xml', href: feed.selfUrl });
  xml.empty('link', { rel: 'alternate', type: 'text/html', href: feed.homeUrl });
  if (feed.nextUrl) xml.empty('link', { rel: 'next', type: 'application/atom+xml', href: feed.nextUrl });
  xml.open('author').text('name', 'wirefold').close();
  xml.text('generator', 'wirefold');
  for (const item of feed.items) writeEntry(xml, item);
  xml.close();
  return xml.toString();
}
