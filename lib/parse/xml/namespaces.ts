/**
 * Canonical prefixes for the namespaces feeds use. Documents bind arbitrary prefixes (`<foo:creator
 * xmlns:foo="http://purl.org/dc/elements/1.1/">`), so elements are keyed by the canonical prefix of their namespace
 * URI, never by the prefix as written. The feed vocabularies themselves (RSS 0.9x/1.0/2.0, CDF, no namespace) map
 * to '' so `<title>` is `title` whatever the RSS flavour; Atom keeps `atom:` so an `atom:link` inside RSS never
 * shadows the RSS `<link>`.
 */
const CANONICAL_PREFIXES: Readonly<Record<string, string>> = {
  '': '',
  'http://purl.org/rss/1.0/': '',
  'http://my.netscape.com/rdf/simple/0.9/': '',
  'http://channel.netscape.com/rdf/simple/0.9/': '',
  'http://backend.userland.com/rss2': '',
  'http://backend.userland.com/rss': '',
  'http://blogs.law.harvard.edu/tech/rss': '',
  'http://purl.org/net/rss1.1#': '',
  'http://www.w3.org/2005/Atom': 'atom',
  'http://purl.org/atom/ns#': 'atom',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#': 'rdf',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'http://www.itunes.com/DTDs/Podcast-1.0.dtd': 'itunes',
  'http://search.yahoo.com/mrss/': 'media',
  'http://search.yahoo.com/mrss': 'media',
  'http://www.w3.org/1999/xhtml': 'xhtml',
  'http://purl.org/rss/1.0/modules/syndication/': 'sy',
  'http://rssnamespace.org/feedburner/ext/1.0': 'feedburner',
  'http://www.w3.org/XML/1998/namespace': 'xml',
  'http://purl.org/rss/1.0/modules/slash/': 'slash',
  'http://wellformedweb.org/CommentAPI/': 'wfw',
};

/** Key an element or attribute by namespace URI (when declared) or by its written prefix (when not). */
export function canonicalPrefix(namespaceUri: string | undefined, writtenPrefix: string): string {
  if (namespaceUri === undefined) return writtenPrefix.toLowerCase();
  return CANONICAL_PREFIXES[namespaceUri] ?? CANONICAL_PREFIXES[namespaceUri.toLowerCase()] ?? writtenPrefix;
}

export const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

export interface NameKey {
  readonly key: string;
  readonly ns: string | undefined;
}
// Feeds repeat a handful of element names thousands of times under one set of namespace bindings: memoize the
// key per bindings object (a new object only where a document declares namespaces).
const nameKeys = new WeakMap<Readonly<Record<string, string>>, Map<string, NameKey>>();

export function nameKeyOf(name: string, namespaces: Readonly<Record<string, string>>): NameKey {
  let cache = nameKeys.get(namespaces);
  if (!cache) {
    cache = new Map();
    nameKeys.set(namespaces, cache);
  }
  const cached = cache.get(name);
  if (cached) return cached;
  const colon = name.indexOf(':');
  const prefix = colon === -1 ? '' : name.slice(0, colon);
  const local = (colon === -1 ? name : name.slice(colon + 1)).toLowerCase();
  const canonical = canonicalPrefix(namespaces[prefix], prefix);
  const computed = { key: canonical === '' ? local : `${canonical}:${local}`, ns: namespaces[prefix] };
  if (cache.size < 1024) cache.set(name, computed); // bounded: hostile documents invent names without end
  return computed;
}
