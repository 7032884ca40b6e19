import { err, ok, type Result } from '../result.ts';
import type { XmlFormatReader } from './format-reader.ts';
import { type ParseError, parseErrorAt } from './parse-error.ts';
import type { ParsedEntryDetail, ParsedFeedDetail } from './parsed-feed-detail.ts';
import { FORMAT_READERS } from './registry.ts';
import { formatOfRoot, sniffSyntax } from './sniff-format.ts';
import { demoronize } from './xml/decode-xml-text.ts';
import { readXmlTree } from './xml/xml-tree.ts';

export type { ParseError, ParseErrorKind } from './parse-error.ts';

/** Entries sit at depth 2 (Atom, RDF, CDF) or 3 (RSS 2.0); deeper matches are markup inside content. */
const MAX_ENTRY_DEPTH = 3;

/**
 * Reads RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 0.3/1.0 and JSON Feed 1.0/1.1 from decoded text. Never throws on input:
 * every failure is a `ParseError` value. The result is a `ParsedFeed` (strings as written, nothing resolved) with
 * the parser's extra knowledge attached (see parsed-feed-detail.ts).
 */
export function parseFeed(rawText: string): Result<ParsedFeedDetail, ParseError> {
  const text = demoronize(rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText);
  const syntax = sniffSyntax(text);
  if (syntax === 'empty') return err({ kind: 'empty', message: 'the document is empty', line: 1, column: 1 });
  if (syntax === 'json') return FORMAT_READERS.json.parseJson(text);
  let reader: XmlFormatReader | undefined;
  const entries: ParsedEntryDetail[] = [];
  const tree = readXmlTree(text, {
    onRoot: (root) => {
      const format = formatOfRoot(root.key);
      reader = format ? FORMAT_READERS[format] : undefined;
    },
    onClose: (element, depth, cutOff) => {
      if (!reader || depth > MAX_ENTRY_DEPTH || !reader.entryKeys.has(element.key)) return false;
      // An entry the download cut off is missing fields (its link, its date): storing it would create a ghost
      // article that the complete entry never folds into. The next poll reads it whole.
      if (!cutOff) entries.push(reader.readEntry(element));
      return true;
    },
  });
  if (!tree.ok) {
    const kind = tree.error.kind === 'empty' ? 'not-a-feed' : tree.error.kind;
    return err(parseErrorAt(kind, tree.error.message, text, tree.error.offset));
  }
  const root = tree.value;
  if (!reader) {
    const what = /(^|:)html$/.test(root.key) ? 'an HTML page' : `an XML document with root <${root.name}>`;
    return err(parseErrorAt('not-a-feed', `${what}, not a feed`, text, root.offset));
  }
  return ok(reader.readFeed(root, entries));
}
