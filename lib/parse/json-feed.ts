import { err, ok, type Result } from '../result.ts';
import type { JsonFormatReader } from './format-reader.ts';
import { type ParseError, parseErrorAt } from './parse-error.ts';
import type { Enclosure, ParsedEntryDetail, ParsedFeedDetail, Person } from './parsed-feed-detail.ts';
import { personLabel } from './person.ts';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== ''
    ? value.trim()
    : typeof value === 'number'
      ? String(value)
      : undefined;

/** JSON Feed 1.0 and 1.1 (1.0's single `author` and 1.1's `authors` both become people). */
export const jsonFeedReader: JsonFormatReader = { parseJson: parseJsonFeed };

function parseJsonFeed(text: string): Result<ParsedFeedDetail, ParseError> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const message = String(error);
    const offset = /end of JSON/i.test(message) ? text.length : Number(/position (\d+)/.exec(message)?.[1] ?? 0);
    return err(parseErrorAt('malformed', `JSON does not parse: ${String((error as Error).message)}`, text, offset));
  }
  if (!isObject(document)) return err({ kind: 'not-a-feed', message: 'JSON document is not an object' });
  const isJsonFeed = typeof document.version === 'string' && document.version.includes('jsonfeed.org');
  if (!isJsonFeed && !Array.isArray(document.items)) {
    return err({ kind: 'not-a-feed', message: 'JSON object without a JSON Feed version or items' });
  }
  const items = Array.isArray(document.items) ? document.items.filter(isObject) : [];
  const feedAuthors = peopleOf(document);
  return ok({
    format: 'json',
    title: str(document.title),
    titleType: 'text',
    link: str(document.home_page_url),
    description: str(document.description),
    descriptionType: 'text',
    language: str(document.language),
    entries: items.map((item) => readItem(item, feedAuthors)),
  });
}

function readItem(item: Json, feedAuthors: Person[]): ParsedEntryDetail {
  const people = peopleOf(item);
  const authors = people.length > 0 ? people : feedAuthors;
  const html = str(item.content_html);
  return {
    guid: str(item.id),
    link: str(item.url) ?? str(item.external_url),
    title: str(item.title),
    titleType: 'text',
    summary: str(item.summary),
    summaryType: 'text',
    content: html ?? str(item.content_text),
    contentType: html ? 'html' : 'text',
    published: str(item.date_published),
    updated: str(item.date_modified),
    authors: authors.map(personLabel).filter((label): label is string => label !== undefined),
    people: authors,
    categories: Array.isArray(item.tags) ? item.tags.map(str).filter((tag): tag is string => tag !== undefined) : [],
    enclosures: Array.isArray(item.attachments) ? item.attachments.filter(isObject).flatMap(attachmentOf) : [],
    language: str(item.language),
  };
}

function peopleOf(holder: Json): Person[] {
  const list = Array.isArray(holder.authors) ? holder.authors : holder.author !== undefined ? [holder.author] : [];
  return list
    .filter(isObject)
    .map((author) => ({ name: str(author.name), uri: str(author.url) }))
    .filter((person) => person.name || person.uri);
}

function attachmentOf(attachment: Json): Enclosure[] {
  const url = str(attachment.url);
  if (!url) return [];
  const length = Number(attachment.size_in_bytes);
  return [
    {
      url,
      type: str(attachment.mime_type),
      length: Number.isFinite(length) && attachment.size_in_bytes !== undefined ? length : undefined,
    },
  ];
}
