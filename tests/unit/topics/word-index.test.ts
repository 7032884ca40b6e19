import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordAnyWords, recordAsciiWords } from '../../../lib/topics/index-words.ts';
import type { PatternHits } from '../../../lib/topics/pattern-hits.ts';
import { slotOfPrefix, slotOfWord } from '../../../lib/topics/query-vocabulary.ts';
import { hasNonAsciiWordChar, normalizeText, tokenizeNormalized } from '../../../lib/topics/tokenize-text.ts';
import { WordIndex } from '../../../lib/topics/word-index.ts';

function noHits(): PatternHits {
  return { written: [], folded: [] };
}

const words = ['a', 'ab', "a'b", 'b', 'ba', 'bs', 's', 'z9', 'viet', 'việt', 'nam', 'straße', 'strasse', '华为'];
const prefixes = ['ab', 'a', 'ba', "a'b", 'b', 'vi', 'việ', 'stra', 'z'];
const wordSlots = words.map((word) => [word, slotOfWord(word)] as const);
const prefixSlots = prefixes.map((prefix) => [prefix, slotOfPrefix(prefix)] as const);

const asciiText = fc.string({ unit: fc.constantFrom(..."ab sz9'-.,\n“”—…’".split('')), maxLength: 48 });
const anyText = fc.string({
  unit: fc.constantFrom(..."ab sz9'-.\nviệtnamVIỆTßẞ华为在中国ไทยé\u0301’“".split('')),
  maxLength: 48,
});

describe('recordAsciiWords', () => {
  it('reports exactly what the general scanner reports, on text without non-ASCII letters or digits', () => {
    fc.assert(
      fc.property(asciiText, (text) => {
        const normalized = normalizeText(text);
        fc.pre(!hasNonAsciiWordChar(normalized));
        const fast = noHits();
        const general = noHits();
        expect(recordAsciiWords(normalized, 3, fast)).toEqual(recordAnyWords(normalized, 3, general));
        expect(fast).toEqual(general);
      }),
      { numRuns: 1500 },
    );
  });

  it.each<[string, number, string[]]>([
    // ab (possessive dropped) and a'b: both start with a; only the first with ab, only the second with a'b.
    ["ab's a'b's", 2, ['*a', '*a', "*a'b", '*ab', "=a'b", '=ab']],
    // Apostrophes that join nothing are separators: ab, b, ba.
    ["'ab' ''b ba'", 3, ['*a', '*ab', '*b', '*b', '*ba', '=ab', '=b', '=ba']],
    ['zz9 s', 2, ['*z', '=s']],
  ])('%j has %d words and these patterns', (text, count, patterns) => {
    const hits = noHits();
    expect(recordAsciiWords(text, 0, hits).words).toBe(count);
    const names = new Map([
      ...wordSlots.map(([pattern, slot]) => [slot, `=${pattern}`] as const),
      ...prefixSlots.map(([pattern, slot]) => [slot, `*${pattern}`] as const),
    ]);
    const found = hits.written.filter((_, at) => at % 3 === 0).map((slot) => names.get(slot));
    expect(found.sort()).toEqual(patterns);
    expect(hits.folded).toEqual([]);
  });
});

/** The definition: positions whose word (or, when diacritics do not matter, folded word) equals or starts with it. */
function expectedPositions(normalized: string, pattern: string, prefix: boolean, sensitive: boolean): number[] {
  const positions: number[] = [];
  tokenizeNormalized(normalized).forEach((word, position) => {
    const forms = sensitive ? [word.word] : [word.word, word.folded];
    if (forms.some((form) => (prefix ? form.startsWith(pattern) : form === pattern))) positions.push(position);
  });
  return positions;
}

describe('WordIndex', () => {
  it('finds every registered word and prefix where the tokenizer puts it, in title and summary', () => {
    fc.assert(
      fc.property(anyText, anyText, fc.boolean(), (title, summary, sensitive) => {
        const index = new WordIndex();
        index.addSegment('title', 0, title);
        index.addSegment('summary', 1, summary);
        const normalized = `${normalizeText(title)}\n${normalizeText(summary)}`;
        const tokens = tokenizeNormalized(normalized);
        expect(index.length).toBe(tokens.length);
        for (const [position, token] of tokens.entries()) {
          expect(index.wordAt(position)).toBe(token.word);
          expect(index.isUnspacedAt(position)).toBe(token.unspaced);
        }
        for (const [pattern, slot] of [...wordSlots, ...prefixSlots]) {
          const prefix = prefixSlots.some(([, known]) => known === slot);
          const expected = expectedPositions(normalized, pattern, prefix, sensitive);
          expect(index.positionsOf(pattern, slot, prefix, sensitive)).toEqual(expected);
          // The same answer without the slot: the word-list scan that unregistered patterns use.
          expect(index.positionsOf(pattern, -1, prefix, sensitive)).toEqual(expected);
          expect(index.mayContain(slot, sensitive)).toBe(expected.length > 0);
        }
      }),
      { numRuns: 800 },
    );
  });

  it('keeps word offsets, zones and segments', () => {
    const index = new WordIndex();
    index.addSegment('title', 0, 'China’s 5G');
    index.addSegment('summary', 1, 'Việt Nam, 华为');
    expect([...Array(index.length).keys()].map((position) => index.wordAt(position))).toEqual([
      'china',
      '5g',
      'việt',
      'nam',
      '华',
      '为',
    ]);
    expect(index.zoneAt(1)).toBe('title');
    expect(index.zoneAt(2)).toBe('summary');
    expect(index.zoneIndexAt(3)).toBe(2);
    expect(index.segmentAt(4)).toBe(1);
    expect(index.isUnspacedAt(4)).toBe(true);
    expect(index.findRun('华为')).toEqual([{ start: 4, end: 5 }]);
  });
});
