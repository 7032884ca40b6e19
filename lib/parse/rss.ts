import { readChannel } from './channel.ts';
import type { XmlFormatReader } from './format-reader.ts';
import { readRssItem } from './rss-item.ts';
import { childOf } from './xml/xml-query.ts';

/**
 * RSS 0.91/0.92/2.0 (and Microsoft CDF, whose root is a bare `<channel>`). Items are taken wherever they sit near
 * the top — inside the channel, or beside it as some RSS 0.9x feeds put them — in document order.
 */
export const rssReader: XmlFormatReader = {
  entryKeys: new Set(['item']),
  readEntry: readRssItem,
  readFeed: (root, entries) =>
    readChannel('rss', root, root.key === 'channel' ? root : (childOf(root, 'channel') ?? root), entries),
};
