import type { XmlFormatReader } from './format-reader.ts';
import type { Enclosure, ParsedEntryDetail, ParsedFeedDetail, Person } from './parsed-feed-detail.ts';
import { personLabel } from './person.ts';
import { atomTextOf, entryTextFields } from './xml/text-construct.ts';
import { childOf, childrenOf, trimmedTextOf } from './xml/xml-query.ts';
import type { XmlElement } from './xml/xml-tree.ts';

// Atom documents without (or with a wrong) namespace still use Atom's element names, so look up both keys.
const atom = (local: string): string[] => [`atom:${local}`, local];
const child = (element: XmlElement, ...locals: string[]): XmlElement | undefined =>
  childOf(element, ...locals.flatMap(atom));
const children = (element: XmlElement, ...locals: string[]): XmlElement[] =>
  childrenOf(element, ...locals.flatMap(atom));

/** Atom 1.0 and 0.3 (0.3's tagline/issued/modified/mode map onto the 1.0 fields). */
export const atomReader: XmlFormatReader = {
  entryKeys: new Set(['atom:entry', 'entry']),
  readEntry: readAtomEntry,
  readFeed: readAtomFeed,
};

function readAtomFeed(root: XmlElement, entries: ParsedEntryDetail[]): ParsedFeedDetail {
  const title = atomTextOf(child(root, 'title'));
  const subtitle = atomTextOf(child(root, 'subtitle', 'tagline', 'info'));
  const link = alternateLink(root);
  return {
    format: 'atom',
    title: title?.value,
    titleType: title?.type,
    titleBase: title?.base,
    link: link?.attrs.href?.trim(),
    linkBase: link?.base,
    description: subtitle?.value,
    descriptionType: subtitle?.type,
    language: root.lang,
    base: root.base,
    updated: trimmedTextOf(child(root, 'updated', 'modified')),
    entries,
  };
}

function readAtomEntry(entry: XmlElement): ParsedEntryDetail {
  const title = atomTextOf(child(entry, 'title'));
  const summary = atomTextOf(child(entry, 'summary'));
  const content = atomTextOf(child(entry, 'content'));
  const link = alternateLink(entry);
  const people = children(entry, 'author').map(personOf);
  if (people.length === 0) people.push(...childrenOf(entry, 'dc:creator').map((c) => ({ name: trimmedTextOf(c) })));
  return {
    guid: trimmedTextOf(child(entry, 'id')),
    link: link?.attrs.href?.trim(),
    linkBase: link?.base,
    ...entryTextFields(title, summary, content),
    published: trimmedTextOf(child(entry, 'published', 'issued', 'created') ?? childOf(entry, 'dc:date')),
    updated: trimmedTextOf(child(entry, 'updated', 'modified')),
    authors: people.map(personLabel).filter((label): label is string => label !== undefined),
    people,
    categories: children(entry, 'category')
      .map((c) => (c.attrs.term ?? c.attrs.label ?? trimmedTextOf(c))?.trim())
      .concat(childrenOf(entry, 'dc:subject').map((c) => trimmedTextOf(c)))
      .filter((term): term is string => !!term),
    enclosures: children(entry, 'link')
      .filter((l) => l.attrs.rel?.trim().toLowerCase() === 'enclosure' && l.attrs.href)
      .map(enclosureOf),
    base: entry.base,
    language: entry.lang,
  };
}

/** rel="alternate" (or no rel) wins, HTML first; else the first link that is not self/enclosure/replies. */
function alternateLink(element: XmlElement): XmlElement | undefined {
  const links = children(element, 'link').filter((l) => l.attrs.href?.trim());
  const alternates = links.filter((l) => (l.attrs.rel?.trim().toLowerCase() ?? 'alternate') === 'alternate');
  return (
    alternates.find((l) => /html/i.test(l.attrs.type ?? 'text/html')) ??
    alternates[0] ??
    links.find(
      (l) =>
        !['self', 'enclosure', 'replies', 'edit', 'hub', 'license'].includes(l.attrs.rel?.trim().toLowerCase() ?? ''),
    )
  );
}

function personOf(author: XmlElement): Person {
  return {
    name: trimmedTextOf(child(author, 'name')),
    email: trimmedTextOf(child(author, 'email')),
    uri: trimmedTextOf(child(author, 'uri', 'url', 'homepage')),
  };
}

function enclosureOf(link: XmlElement): Enclosure {
  const length = Number(link.attrs.length);
  return {
    url: link.attrs.href!.trim(),
    type: link.attrs.type?.trim() || undefined,
    length: link.attrs.length && Number.isFinite(length) ? length : undefined,
  };
}
