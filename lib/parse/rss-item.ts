import type { Enclosure, ParsedEntryDetail, Person } from './parsed-feed-detail.ts';
import { personFromText, personLabel } from './person.ts';
import { entryTextFields, rssTextOf } from './xml/text-construct.ts';
import { childOf, childrenOf, trimmedTextOf } from './xml/xml-query.ts';
import type { XmlElement } from './xml/xml-tree.ts';

/**
 * One RSS 0.9x/1.0/2.0 (or CDF) item. Dublin Core, content:encoded, iTunes and Media RSS stand in for the core
 * elements when a feed uses them instead: a reader should not lose an item's date because it was in `dc:date`.
 */
export function readRssItem(item: XmlElement): ParsedEntryDetail {
  const guidElement = childOf(item, 'guid');
  const guid =
    trimmedTextOf(guidElement) ?? item.attrs['rdf:about']?.trim() ?? trimmedTextOf(childOf(item, 'dc:identifier'));
  const guidIsPermalink = guidElement ? guidElement.attrs.ispermalink?.trim().toLowerCase() !== 'false' : undefined;
  const linkElement = childOf(item, 'link');
  const atomLink = childrenOf(item, 'atom:link').find((link) => (link.attrs.rel ?? 'alternate') === 'alternate');
  const guidAsLink = guidElement && guidIsPermalink && /^https?:\/\//i.test(guid ?? '') ? guid : undefined;
  // `<link href="…"/>` (Atom habits in RSS) and CDF's `href` attribute count as links too.
  const link =
    trimmedTextOf(linkElement) ??
    linkElement?.attrs.href?.trim() ??
    atomLink?.attrs.href?.trim() ??
    item.attrs.href?.trim() ??
    guidAsLink;
  const title = rssTextOf(childOf(item, 'title', 'dc:title', 'media:title', 'itunes:title'), 'title');
  const summary = rssTextOf(
    childOf(item, 'description', 'dc:description', 'abstract', 'summary', 'itunes:summary', 'itunes:subtitle'),
    'html',
  );
  const content = rssTextOf(childOf(item, 'content:encoded', 'xhtml:body', 'fullitem', 'xhtml:div'), 'html');
  const people = peopleOf(item);
  return {
    guid,
    guidIsPermalink,
    link,
    linkBase: linkElement?.base ?? item.base,
    ...entryTextFields(title, summary, content),
    published:
      trimmedTextOf(childOf(item, 'pubdate', 'dc:date', 'dcterms:issued', 'dcterms:created', 'issued')) ??
      item.attrs.lastmod,
    updated: trimmedTextOf(childOf(item, 'atom:updated', 'dcterms:modified', 'lastbuilddate')),
    authors: people.map(personLabel).filter((label): label is string => label !== undefined),
    people,
    categories: categoriesOf(item),
    enclosures: enclosuresOf(item),
    base: item.base,
    language: trimmedTextOf(childOf(item, 'dc:language')) ?? item.lang,
  };
}

function peopleOf(item: XmlElement): Person[] {
  const people: Person[] = [];
  for (const element of childrenOf(item, 'author', 'dc:creator', 'dc:author', 'itunes:author', 'atom:author')) {
    const nested = childOf(element, 'name', 'atom:name');
    const person = nested
      ? { name: trimmedTextOf(nested), email: trimmedTextOf(childOf(element, 'email', 'atom:email')) }
      : personFromText(trimmedTextOf(element));
    if (person && (person.name || person.email)) people.push(person);
  }
  return people;
}

function categoriesOf(item: XmlElement): string[] {
  const categories: string[] = [];
  for (const element of childrenOf(item, 'category', 'dc:subject', 'itunes:category', 'media:category')) {
    const term = trimmedTextOf(element) ?? element.attrs.text?.trim() ?? element.attrs.term?.trim();
    if (term) categories.push(term);
    for (const nested of childrenOf(element, 'itunes:category')) {
      const sub = nested.attrs.text?.trim();
      if (sub) categories.push(sub);
    }
  }
  return categories;
}

function enclosuresOf(item: XmlElement): Enclosure[] {
  const enclosures: Enclosure[] = [];
  for (const element of childrenOf(item, 'enclosure')) {
    const url = (element.attrs.url ?? element.attrs.href)?.trim();
    if (!url) continue;
    const length = Number(element.attrs.length);
    enclosures.push({
      url,
      type: element.attrs.type?.trim() || undefined,
      length: Number.isFinite(length) && element.attrs.length ? length : undefined,
    });
  }
  return enclosures;
}
