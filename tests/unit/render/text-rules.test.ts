import { describe, expect, it } from 'vitest';
import { cleanLanguage, cleanLine, cleanText } from '../../../lib/render/clean-text.ts';
import { toRfc822, toRfc3339 } from '../../../lib/render/feed-dates.ts';
import { outputUrl } from '../../../lib/render/output-url.ts';
import { escapeXmlAttribute, escapeXmlText } from '../../../lib/render/xml-writer.ts';

describe('text hygiene', () => {
  it.each([
    ['C0 controls removed, tab/newline kept', 'a\u0000b\u0008c\td\ne', 'abc\td\ne'],
    ['CRLF and CR normalized', 'a\r\nb\rc', 'a\nb\nc'],
    ['C1 controls and DEL removed', 'a\u007fb\u0085c\u009fd', 'abcd'],
    ['U+FFFE/U+FFFF removed', 'a\ufffeb\uffffc', 'abc'],
    ['lone surrogates replaced', 'a\ud800b\udc00c', 'a\ufffdb\ufffdc'],
    ['astral characters kept', 'emoji 😀 𠜎', 'emoji 😀 𠜎'],
  ])('cleanText: %s', (_name, input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it.each([
    ['whitespace collapsed', '  a \n\t b  ', 'a b'],
    ['controls removed before collapsing', 'a\u0007 b', 'a b'],
  ])('cleanLine: %s', (_name, input, expected) => {
    expect(cleanLine(input)).toBe(expected);
  });

  it.each([
    ['en', 'en'],
    ['zh-Hans-CN', 'zh-Hans-CN'],
    ['en_US', undefined],
    ['" onload', undefined],
    [undefined, undefined],
  ])('cleanLanguage(%s) = %s', (input, expected) => {
    expect(cleanLanguage(input)).toBe(expected);
  });
});

describe('XML escaping', () => {
  it.each([
    ['a & b', 'a &amp; b'],
    ['<tag>', '&lt;tag&gt;'],
    ['x ]]> y', 'x ]]&gt; y'],
    ['bell\u0007', 'bell'],
  ])('text %j', (input, expected) => {
    expect(escapeXmlText(input)).toBe(expected);
  });

  it.each([
    ['a"b\'c', 'a&quot;b&apos;c'],
    ['line\nbreak\ttab', 'line&#10;break&#9;tab'],
    ['?a=1&b=2', '?a=1&amp;b=2'],
  ])('attribute %j', (input, expected) => {
    expect(escapeXmlAttribute(input)).toBe(expected);
  });
});

describe('dates', () => {
  it.each([
    ['2026-11-25T14:37:39.123Z', '2026-11-25T14:37:39Z', 'Wed, 25 Nov 2026 14:37:39 GMT'],
    ['2026-11-25T16:37:39+02:00', '2026-11-25T14:37:39Z', 'Wed, 25 Nov 2026 14:37:39 GMT'],
    ['not a date', undefined, undefined],
    ['0099-01-01T00:00:00Z', undefined, undefined],
    [undefined, undefined, undefined],
  ])('%s', (input, rfc3339, rfc822) => {
    expect(toRfc3339(input)).toBe(rfc3339);
    expect(toRfc822(input)).toBe(rfc822);
  });
});

describe('output URLs', () => {
  it.each([
    ['https://example.com/a?b=1&c=2', 'https://example.com/a?b=1&c=2'],
    ['  http://Example.COM  ', 'http://example.com/'],
    ['https://例え.jp/記事', 'https://xn--r8jz45g.jp/%E8%A8%98%E4%BA%8B'],
    ['/relative/path', undefined],
    ['javascript:alert(1)', undefined],
    ['mailto:a@b.c', undefined],
    ['', undefined],
  ])('%j → %j', (input, expected) => {
    expect(outputUrl(input)).toBe(expected);
  });
});
