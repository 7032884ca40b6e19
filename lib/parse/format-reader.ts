import type { Result } from '../result.ts';
import type { ParseError } from './parse-error.ts';
import type { ParsedEntryDetail, ParsedFeedDetail } from './parsed-feed-detail.ts';
import type { XmlElement } from './xml/xml-tree.ts';

/**
 * An XML feed format: which elements are its entries, how to read one, how to read the feed around them.
 * Entries are read as they close (see XmlTreeVisitor), so `readFeed` sees the tree with the entries taken out.
 */
export interface XmlFormatReader {
  /** Element keys of entries; only elements near the top (depth ≤ 3) count, never markup inside content. */
  readonly entryKeys: ReadonlySet<string>;
  readonly readEntry: (element: XmlElement) => ParsedEntryDetail;
  readonly readFeed: (root: XmlElement, entries: ParsedEntryDetail[]) => ParsedFeedDetail;
}

export interface JsonFormatReader {
  readonly parseJson: (text: string) => Result<ParsedFeedDetail, ParseError>;
}
