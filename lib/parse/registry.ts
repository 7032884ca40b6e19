import type { InputFormat } from '../model.ts';
import { atomReader } from './atom.ts';
import type { JsonFormatReader, XmlFormatReader } from './format-reader.ts';
import { jsonFeedReader } from './json-feed.ts';
import { rdfReader } from './rdf.ts';
import { rssReader } from './rss.ts';

/** One reader per input format; a new format is one file plus one line here (the compiler demands the line). */
export const FORMAT_READERS = {
  rss: rssReader,
  rdf: rdfReader,
  atom: atomReader,
  json: jsonFeedReader,
} satisfies Record<InputFormat, XmlFormatReader | JsonFormatReader>;

export type XmlInputFormat = Exclude<InputFormat, 'json'>;
