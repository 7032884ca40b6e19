import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  foldDiacritics,
  hasNonAsciiWordChar,
  normalizeText,
  tokenizeNormalized,
  tokenizeText,
} from '../../../lib/topics/tokenize-text.ts';

/** The definition the fast scanner must agree with, written as the obvious regex (segmenter runs aside). */
function referenceWords(normalized: string): string[] {
  const words: string[] = [];
  for (const match of normalized.matchAll(/[\p{L}\p{M}\p{N}]+(?:'[\p{L}\p{M}\p{N}]+)*/gu)) {
    const raw = match[0];
    words.push(raw.length > 2 && raw.endsWith("'s") ? raw.slice(0, -2) : raw);
  }
  return words;
}

describe('tokenizeText', () => {
  it.each<[string, string[]]>([
    ['China’s 5G e-commerce push', ['china', '5g', 'e', 'commerce', 'push']],
    ["don't o'neill 's", ["don't", "o'neill", 's']],
    ['U.S. 1.5bn 10:30', ['u', 's', '1', '5bn', '10', '30']],
    ['𝐇𝐮𝐚𝐰𝐞𝐢 ｈｕａｗｅｉ', ['huawei', 'huawei']],
    ['Việt Nam', ['việt', 'nam']],
    ['华为在印度尼西亚', ['华', '为', '在', '印度', '尼西亚']],
    ['<b>x</b>', ['b', 'x', 'b']],
  ])('%s → %j', (text, words) => {
    expect(tokenizeText(text).map((word) => word.word)).toEqual(words);
  });

  it('keeps offsets that point at the word in the normalized text', () => {
    const normalized = normalizeText('Huawei’s 5G in Việt Nam');
    for (const word of tokenizeNormalized(normalized)) {
      expect(normalized.slice(word.start, word.end)).toBe(word.word);
    }
  });

  it('folds Latin diacritics only', () => {
    expect(foldDiacritics('việt đà nẵng łódź')).toBe('viet da nang lodz');
    expect(foldDiacritics('หัวเว่ย')).toBe('หัวเว่ย');
  });

  it('hasNonAsciiWordChar: curly quotes, dashes and no-break spaces separate words; accents, Han, 𝐇 and ² do not', () => {
    const separatorsOnly = ["plain ascii, don't", 'curly “quotes” and — dashes…', 'x \u00a0 y'];
    expect(separatorsOnly.map((text) => hasNonAsciiWordChar(text))).toEqual([false, false, false]);
    // Twice over: the function keeps no state (its regexes' lastIndex) between calls.
    const wordChars = ['café', '𝐇', '华为', '2\u00b2', 'café', '𝐇'];
    expect(wordChars.map((text) => hasNonAsciiWordChar(text))).toEqual([true, true, true, true, true, true]);
  });

  it('hasNonAsciiWordChar is the obvious regex, on any UTF-16 (lone surrogates and astral letters too)', () => {
    const reference = /(?![\x00-\x7f])[\p{L}\p{M}\p{N}]/u;
    const units = fc.constantFrom(...'a ’“—é\u0301华𝐇\ud835\udc07\u00a0'.split(''));
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: units, maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 24 })),
        (text) => {
          expect(hasNonAsciiWordChar(text)).toBe(reference.test(text));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('agrees with the reference regex on any text without unspaced scripts', () => {
    const latinish = fc.string({ unit: fc.constantFrom(..."ab Z9'’é-.ệ\u0301ß𝐇\t".split('')), maxLength: 40 });
    fc.assert(
      fc.property(fc.oneof(latinish, fc.string({ unit: 'binary', maxLength: 60 })), (text) => {
        const normalized = normalizeText(text);
        fc.pre(
          !/[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u.test(
            normalized,
          ),
        );
        expect(tokenizeNormalized(normalized).map((word) => word.word)).toEqual(referenceWords(normalized));
      }),
      { numRuns: 600 },
    );
  });
});
