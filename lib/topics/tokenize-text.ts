/**
 * Text → words, the same way for article text and for query terms, so the two always agree.
 *
 * Space-delimited scripts (Latin incl. Vietnamese and Bahasa, Cyrillic, Greek, …) are split with one Unicode regex;
 * runs of scripts written without spaces (Chinese, Japanese, Thai, Lao, Khmer, Burmese) go through
 * `Intl.Segmenter` word granularity. The segmenter gives identical words for space-delimited text but costs about
 * ten times the regex, and matching must stay cheaper than parsing the feed, so it only sees the runs that need it.
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

const WORD_PATTERN = /[\p{L}\p{M}\p{N}]+(?:'[\p{L}\p{M}\p{N}]+)*/gu;
const UNSPACED_SCRIPT = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;
const ASCII_ONLY = /^[\x00-\x7f]*$/;
const segmenter = new Intl.Segmenter('und', { granularity: 'word' });

/** NFKC turns styled letters (𝐇𝐮𝐚𝐰𝐞𝐢, ｈｕａｗｅｉ) into plain ones; typographic apostrophes become ASCII. */
export function normalizeText(text: string): string {
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

/** Splits already-normalized text into words. */
export function tokenizeNormalized(normalized: string): TextWord[] {
  const words: TextWord[] = [];
  for (const match of normalized.matchAll(WORD_PATTERN)) {
    const raw = match[0];
    const start = match.index;
    if (UNSPACED_SCRIPT.test(raw)) {
      for (const segment of segmenter.segment(raw)) {
        if (!segment.isWordLike) continue;
        pushWord(words, segment.segment, start + segment.index);
      }
    } else {
      pushWord(words, raw, start);
    }
  }
  return words;
}

function pushWord(words: TextWord[], raw: string, start: number): void {
  // "China's" must match `china`; other inner apostrophes ("don't", "o'neill") stay part of the word.
  const word = raw.endsWith("'s") && raw.length > 2 ? raw.slice(0, -2) : raw;
  const unspaced = UNSPACED_SCRIPT.test(word);
  words.push({ word, folded: unspaced ? word : foldDiacritics(word), start, end: start + word.length, unspaced });
}

/** Convenience for one-off strings (query terms, categories, feed titles). */
export function tokenizeText(text: string): TextWord[] {
  return tokenizeNormalized(normalizeText(text));
}
