import { describe, expect, it } from 'vitest';
import { decodeXmlText, demoronize } from '../../../lib/parse/xml/decode-xml-text.ts';

describe('decodeXmlText', () => {
  it.each([
    ['plain text', 'plain text'],
    ['&amp; &lt; &gt; &quot; &apos;', '& < > " \''],
    ['&nbsp;', '\u00a0'], // undeclared HTML entities are what publishers meant
    ['caf&eacute; &mdash; &hellip; &euro;', 'caf\u00e9 \u2014 \u2026 \u20ac'],
    ['&lang;x&rang;', '\u2329x\u232a'], // HTML 4 code points, as the RSS 0.91 DTD declared them
    ['&CounterClockwiseContourIntegral;', '\u2233'],
    ['&#169; &#xA9; &#XA9;', '\u00a9 \u00a9 \u00a9'],
    ['&#146;', '\u2019'], // C1 references mean windows-1252, as in HTML
    ['&#0; &#xD800; &#1114112;', '\ufffd \ufffd \ufffd'], // never produce invalid code points
    ['a=1&b=2', 'a=1&b=2'], // bare ampersand stays
    ['AT&T', 'AT&T'],
    ['&unknownentity;', '&unknownentity;'], // unknown names stay literal, never expanded
    ['&lol9;', '&lol9;'],
    ['& ;', '& ;'],
    ['&#;', '&#;'],
    ['&amp;amp;', '&amp;'], // one level only
    ['&#x1F600;', '\u{1f600}'],
  ])('%j → %j', (input, expected) => {
    expect(decodeXmlText(input)).toBe(expected);
  });
});

describe('demoronize', () => {
  it.each([
    ['don\u0092t', 'don\u2019t'],
    ['\u0093quoted\u0094 \u0096 \u0080', '\u201cquoted\u201d \u2013 \u20ac'],
    ['clean text \u2019', 'clean text \u2019'],
  ])('%j → %j', (input, expected) => {
    expect(demoronize(input)).toBe(expected);
  });
});
