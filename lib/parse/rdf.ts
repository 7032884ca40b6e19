import { readChannel } from './channel.ts';
import type { XmlFormatReader } from './format-reader.ts';
import { readRssItem } from './rss-item.ts';
import { childOf } from './xml/xml-query.ts';

/** RSS 1.0 and 0.90: an `rdf:RDF` root whose items are siblings of the channel, identified by `rdf:about`. */
export const rdfReader: XmlFormatReader = {
  entryKeys: new Set(['item']),
  readEntry: readRssItem,
  readFeed: (root, entries) => readChannel('rdf', root, childOf(root, 'channel') ?? root, entries),
};
