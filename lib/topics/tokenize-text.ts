/**
 * Text → words, the same way for article text and for query terms, so the two always agree.
 *
 * Space-delimited scripts (Latin incl. Vietnamese and Bahasa, Cyrillic, Greek, …) are split by a char-code scan;
 * runs of scripts written without spaces (Chinese, Japanese, Thai, Lao, Khmer, Burmese) go through
 * `Intl.Segmenter` word granularity. The segmenter gives identical words for space-delimited text but costs about
 * ten times the scan, and matching must stay cheaper than parsing the feed, so it only sees the runs that need it.
 */

export interface TextWord {
  /** NFKC, case-folded, possessive 's removed. */
  readonly word: string;
  /** `word` with Latin diacritics removed (Việt → viet); identical for other scripts. */
  readonly folded: string;
  /** Character offsets into the normalized text. */
  readonly start: number;
  readonly end: number;
  /** Written in a script without spaces: terms in such scripts match as character runs (see TermWord). */
  readonly unspaced: boolean;
}

const UNSPACED_SCRIPT = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;
const ASCII_ONLY = /^[\x00-\x7f]*$/;
const NON_ASCII = /[^\x00-\x7f]/;
const segmenter = new Intl.Segmenter('und', { granularity: 'word' });

/** NFKC turns styled letters (𝐇𝐮𝐚𝐰𝐞𝐢, ｈｕａｗｅｉ) into plain ones; typographic apostrophes become ASCII. */
export function normalizeText(text: string): string {
  // ASCII is its own NFKC form and has one apostrophe look-alike: the same result, for half the cost.
  if (!NON_ASCII.test(text)) return (text.includes('`') ? text.replace(/`/g, "'") : text).toLowerCase();
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2019\u2018\u02bc`]/g, "'");
}

/** Removes diacritics from Latin letters only: Thai and Khmer vowel signs are marks too, and carry meaning. */
export function foldDiacritics(word: string): string {
  if (ASCII_ONLY.test(word)) return word;
  return word
    .normalize('NFD')
    .replace(/(\p{sc=Latin})\p{Mn}+/gu, '$1')
    .replace(/[đđ]/g, 'd')
    .replace(/ł/g, 'l')
    .replace(/ø/g, 'o')
    .replace(/ß/g, 'ss')
    .normalize('NFC');
}

export function isUnspacedScript(text: string): boolean {
  return UNSPACED_SCRIPT.test(text);
}

/** Receives each word as it is found; lets callers build their own word records without an extra copy. */
export type WordSink = (word: string, folded: string, start: number, unspaced: boolean) => void;

const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
const APOSTROPHE = 39;

/**
 * Splits already-normalized text into words: runs of letters, marks and digits, joined across single inner
 * apostrophes (the same as /[\p{L}\p{M}\p{N}]+(?:'[\p{L}\p{M}\p{N}]+)*\/u). A char-code scan with an ASCII fast path:
 * this runs for every stored article, and a Unicode-property regex over the whole text costs several times more.
 */
export function scanWords(text: string, sink: WordSink): void {
  const length = text.length;
  let at = 0;
  while (at < length) {
    let width = wordCharWidth(text, at);
    if (width === 0) {
      at++;
      continue;
    }
    const start = at;
    let ascii = true;
    let unspaced = false;
    while (width > 0) {
      if (text.charCodeAt(at) >= 128) {
        ascii = false;
        if (!unspaced && UNSPACED_SCRIPT.test(text.slice(at, at + width))) unspaced = true;
      }
      at += width;
      width = wordCharWidth(text, at);
      if (width === 0 && text.charCodeAt(at) === APOSTROPHE) {
        const after = wordCharWidth(text, at + 1);
        if (after > 0) {
          at++;
          width = after;
        }
      }
    }
    const raw = text.slice(start, at);
    if (unspaced) {
      for (const segment of segmenter.segment(raw)) {
        if (segment.isWordLike) emitWord(segment.segment, start + segment.index, false, sink);
      }
    } else {
      emitWord(raw, start, ascii, sink);
    }
  }
}

/** 0 when `text[at]` does not start a letter, mark or digit; else its length in UTF-16 units (2 for astral). */
function wordCharWidth(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code < 128)
    return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90) ? 1 : 0;
  if (Number.isNaN(code)) return 0;
  const next = text.charCodeAt(at + 1);
  const width = code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
  return WORD_CHAR.test(text.slice(at, at + width)) ? width : 0;
}

function emitWord(raw: string, start: number, ascii: boolean, sink: WordSink): void {
  // "China's" must match `china`; other inner apostrophes ("don't", "o'neill") stay part of the word.
  const word = raw.length > 2 && raw.endsWith("'s") ? raw.slice(0, -2) : raw;
  if (ascii) {
    sink(word, word, start, false);
    return;
  }
  const unspaced = UNSPACED_SCRIPT.test(word);
  sink(word, unspaced ? word : foldDiacritics(word), start, unspaced);
}

/** Finds each non-ASCII code unit in turn (global: `test` advances lastIndex and allocates nothing). */
const NEXT_NON_ASCII = /[^\x00-\x7f]/g;
/** A letter, mark or digit exactly at lastIndex; curly quotes and dashes are separators either way. */
const WORD_CHAR_HERE = /[\p{L}\p{M}\p{N}]/uy;

/**
 * Whether any word character is outside ASCII. When none is, every word is a run of [a-z0-9'] (the fast path of
 * index-words.ts) and its own diacritic-folded form. Only the non-ASCII characters are tested against the Unicode
 * classes: most English text has none, or a few curly quotes and dashes.
 */
export function hasNonAsciiWordChar(text: string): boolean {
  NEXT_NON_ASCII.lastIndex = 0;
  while (NEXT_NON_ASCII.test(text)) {
    WORD_CHAR_HERE.lastIndex = NEXT_NON_ASCII.lastIndex - 1;
    if (WORD_CHAR_HERE.test(text)) return true;
  }
  return false;
}

/** Splits already-normalized text into word records. */
export function tokenizeNormalized(normalized: string): TextWord[] {
  const words: TextWord[] = [];
  scanWords(normalized, (word, folded, start, unspaced) => {
    words.push({ word, folded, start, end: start + word.length, unspaced });
  });
  return words;
}

/** Convenience for one-off strings (query terms, categories, feed titles). */
export function tokenizeText(text: string): TextWord[] {
  return tokenizeNormalized(normalizeText(text));
}
