/** Why a document could not be read as a feed. Every failure of `parseFeed` is one of these values. */
export type ParseErrorKind =
  /** Nothing but whitespace, or no element at all. */
  | 'empty'
  /** A well-formed document of some other kind (an HTML page, an OPML file, a JSON object that is no JSON Feed). */
  | 'not-a-feed'
  /** Broken beyond repair: JSON that does not parse, a feed root without a single usable element. */
  | 'malformed'
  /** A DOCTYPE that never ends: we refuse to guess where the document resumes. */
  | 'refused-dtd';

export interface ParseError {
  readonly kind: ParseErrorKind;
  readonly message: string;
  /** 1-based position in the decoded text, where known. */
  readonly line?: number;
  readonly column?: number;
}

export function parseErrorAt(kind: ParseErrorKind, message: string, text: string, offset: number): ParseError {
  const { line, column } = positionOf(text, offset);
  return { kind, message, line, column };
}

/** Line and column of an offset; computed only on failure, so the happy path never scans for newlines. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}
