import type { ParsedEntry, ParsedFeed } from '../model.ts';

/**
 * What the parser knows beyond the shared `ParsedFeed` contract. The detail types extend the contract, so a
 * `ParsedFeedDetail` *is* a `ParsedFeed`; `normalizeFeed` uses the extra fields when they are present.
 *
 * Text fields (`title`, `summary`, `content`, `description`) hold the value as the document means it: plain text
 * when the matching `…Type` is 'text', HTML when it is 'html' (an absent type means HTML).
 */
export type TextType = 'text' | 'html';

export interface Person {
  readonly name?: string;
  readonly email?: string;
  readonly uri?: string;
}

export interface Enclosure {
  readonly url: string;
  readonly type?: string;
  readonly length?: number;
}

export interface ParsedEntryDetail extends ParsedEntry {
  readonly titleType?: TextType;
  /** xml:base in force at the title element (Atom titles may carry markup with relative links). */
  readonly titleBase?: string;
  readonly summaryType?: TextType;
  readonly contentType?: TextType;
  readonly people: readonly Person[];
  readonly enclosures: readonly Enclosure[];
  /** xml:base in force at the summary/content element, when it differs from the entry's own. */
  readonly summaryBase?: string;
  readonly contentBase?: string;
  readonly linkBase?: string;
}

export interface ParsedFeedDetail extends ParsedFeed {
  readonly titleType?: TextType;
  readonly titleBase?: string;
  readonly descriptionType?: TextType;
  /** Feed-level update time as written (lastBuildDate, atom:updated, dc:date…). */
  readonly updated?: string;
  readonly linkBase?: string;
  readonly entries: readonly ParsedEntryDetail[];
}
