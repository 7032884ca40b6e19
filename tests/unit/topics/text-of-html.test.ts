import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainTextOf } from '../../../lib/normalize/plain-text.ts';
import { normalizedTextOf } from '../../../lib/topics/article-text.ts';
import { textOfHtml } from '../../../lib/topics/text-of-html.ts';
import { normalizeText } from '../../../lib/topics/tokenize-text.ts';

describe('textOfHtml', () => {
  it('is plainTextOf, on markup, entities, every kind of whitespace and plain text', () => {
    const pieces = ['a', 'B', 'é', ' ', '  ', '\u00a0', '\u2003', '\t', '\n', '\r', '\f', '\v', '<b>', '</p>', '&amp;'];
    const html = fc.oneof(
      fc.array(fc.constantFrom(...pieces, '<script>x</script>', '<!-- c -->', '&#233;', '’'), { maxLength: 30 }),
      fc.array(fc.constantFrom(...pieces), { maxLength: 30 }),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          html.map((parts) => parts.join('')),
          fc.string({ unit: 'binary' }),
        ),
        (text) => {
          expect(textOfHtml(text)).toBe(plainTextOf(text));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it.each([' Huawei  and  ZTE ', 'x'.repeat(20_000), '\u00a0 padded \u00a0', 'a &amp; b', 'a<br>b'])('%j', (text) => {
    expect(textOfHtml(text)).toBe(plainTextOf(text));
  });
});

describe('normalizedTextOf', () => {
  it('is normalizeText(textOfHtml(html)) with the summary cap, on any text', () => {
    const pieces = ['A', 'b', ' ', '  ', '\t', '`', '’', 'É', '<i>', '&amp;', '&', '<', 'ｈ', '\n', '\u00a0', '~'];
    const text = fc.oneof(
      fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((parts) => parts.join('')),
      fc.string({ unit: 'binary', maxLength: 40 }),
    );
    fc.assert(
      fc.property(text, fc.constantFrom(Number.POSITIVE_INFINITY, 5, 20), (html, maxChars) => {
        const reference = normalizeText(textOfHtml(html.slice(0, maxChars * 2)).slice(0, maxChars));
        expect(normalizedTextOf(html, maxChars)).toBe(reference);
      }),
      { numRuns: 3000 },
    );
  });
});
