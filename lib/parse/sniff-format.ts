import type { XmlInputFormat } from './registry.ts';

/** Root element keys (see xml/namespaces.ts) of each XML format; any other root is not a feed. */
const XML_ROOTS: Readonly<Record<string, XmlInputFormat>> = {
  rss: 'rss',
  channel: 'rss', // Microsoft CDF, and RSS 0.9x documents that lost their <rss> wrapper
  'rdf:rdf': 'rdf',
  rdf: 'rdf',
  'atom:feed': 'atom',
  feed: 'atom',
};

/**
 * The one place that decides which format a document is. First by its first significant character (`{` is JSON
 * Feed, anything else is read as XML), then, for XML, by the root element as soon as it opens.
 */
export function sniffSyntax(text: string): 'json' | 'xml' | 'empty' {
  const start = text.search(/\S/);
  if (start === -1) return 'empty';
  return text[start] === '{' ? 'json' : 'xml';
}

export function formatOfRoot(rootKey: string): XmlInputFormat | undefined {
  return XML_ROOTS[rootKey] ?? (rootKey.endsWith(':rdf') ? 'rdf' : undefined);
}
