import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainTextOf } from '../../../lib/normalize/plain-text.ts';
import { repairMojibake } from '../../../lib/normalize/repair-mojibake.ts';

describe('plainTextOf', () => {
  it.each([
    ['<b>Ex</b>ample', 'html', 'Example'],
    ['<p>One</p><p>Two</p>', 'html', 'One Two'],
    ['AT&amp;T &mdash; caf&eacute;', 'html', 'AT&T \u2014 caf\u00e9'],
    ['a <script>alert(1)</script>b', 'html', 'a b'],
    ['  many \n\t spaces  ', 'html', 'many spaces'],
    ['A&nbsp;B', 'html', 'A\u00a0B'],
    ['x < y & <b>z</b>', 'text', 'x < y & <b>z</b>'], // text is text: nothing stripped
    ['', 'html', ''],
  ] as const)('%j (%s) → %j', (input, type, expected) => {
    expect(plainTextOf(input, type)).toBe(expected);
  });
});

describe('repairMojibake', () => {
  it.each([
    ['cafÃ©', 'café'],
    ['â€¦ and â€œquotesâ€\u009d', '… and “quotes”'],
    ['ordinary café – “fine”', 'ordinary café – “fine”'],
    ['Ã alone', 'Ã alone'],
  ])('%j → %j', (input, expected) => {
    expect(repairMojibake(input)).toBe(expected);
  });
});

describe('plainTextOf whitespace', () => {
  it('collapses every run of ASCII whitespace to one space, exactly as a plain collapse would', () => {
    const alphabet = fc.constantFrom(' ', '\t', '\n', '\r', '\f', '\v', 'a', 'b', '\u00a0', 'é', '.');
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 60 }), (text) => {
        expect(plainTextOf(text, 'text')).toBe(text.replace(/[ \t\n\r\f\v]+/g, ' ').trim());
      }),
      { numRuns: 2000 },
    );
  });
});
