import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText, resolveCharset } from '../../../lib/fetch/decode-text.ts';
import { decodeWindows1252 } from '../../../lib/fetch/windows-1252.ts';

// Fixtures are real encoded bytes produced by GNU iconv (see tests/fixtures/fetch/charsets/generate.sh).
const fixtures = path.resolve(import.meta.dirname, '../../fixtures/fetch/charsets');
const samples = readFileSync(path.join(fixtures, 'samples.tsv'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => {
    const [label = '', , text = ''] = line.split('\t');
    return { label, text, bytes: readFileSync(path.join(fixtures, `${label}.xml`)) };
  });
const titleOf = (xml: string) => /<title>(.*)<\/title>/.exec(xml)?.[1]?.normalize('NFC');

describe('decodeText with real encoded bytes', () => {
  it('covers every charset the issue names', () => {
    const labels = samples.map((s) => s.label);
    for (const required of ['windows-1252', 'gbk', 'gb18030', 'big5', 'shift_jis', 'euc-kr', 'tis-620']) {
      expect(labels).toContain(required);
    }
    expect(labels).toEqual(expect.arrayContaining(['windows-874', 'windows-1258', 'iso-8859-2', 'iso-8859-5']));
  });

  describe.each(samples)('$label', ({ label, text, bytes }) => {
    it.each([
      ['the XML prolog alone', undefined],
      ['a matching header', `application/rss+xml; charset=${label}`],
      ['a header that lies "utf-8"', 'text/xml; charset=UTF-8'],
      ['a quoted header label', `text/xml; charset="${label.toUpperCase()}"`],
    ])('decodes from %s without U+FFFD', (_how, contentType) => {
      const decoded = decodeText(bytes, contentType);
      // windows-1258 writes Vietnamese with combining marks; NFC makes it comparable with the source text.
      expect(titleOf(decoded.text)).toBe(text);
      expect(decoded.text).not.toContain('\uFFFD');
      expect(decoded.charset).toBe(resolveCharset(label));
    });
  });
});

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const latin1 = (s: string) => Buffer.from(s, 'latin1');

describe('decodeText evidence order and the lie rules', () => {
  it.each([
    [
      'UTF-8 BOM beats a lying header',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('<a>é</a>')]),
      'text/xml; charset=iso-8859-1',
      '<a>é</a>',
      'utf-8',
      'bom',
    ],
    ['UTF-16LE BOM', Buffer.from('\uFEFF<a>中</a>', 'utf16le'), undefined, '<a>中</a>', 'utf-16le', 'bom'],
    [
      'UTF-16BE BOM',
      Buffer.from([0xfe, 0xff, 0x00, 0x3c, 0x4e, 0x2d, 0x00, 0x3e]),
      undefined,
      '<中>',
      'utf-16be',
      'bom',
    ],
    [
      'UTF-16LE without BOM, sniffed from "<?"',
      Buffer.from('<?xml version="1.0"?><a/>', 'utf16le'),
      undefined,
      '<?xml version="1.0"?><a/>',
      'utf-16le',
      'bom',
    ],
    ['nothing declared: UTF-8', utf8('<a>Hà Nội</a>'), undefined, '<a>Hà Nội</a>', 'utf-8', 'default'],
    [
      'header charset used when right',
      latin1('<a>caf\xe9</a>'),
      'text/xml; charset=ISO-8859-1',
      '<a>café</a>',
      'windows-1252',
      'header',
    ],
    [
      'header ISO-8859-1 but the bytes are valid UTF-8, no prolog: UTF-8',
      utf8('<a>Hà Nội</a>'),
      'text/xml; charset=iso-8859-1',
      '<a>Hà Nội</a>',
      'utf-8',
      'default',
    ],
    [
      'header ISO-8859-1 loses to a prolog naming another charset',
      Buffer.from([
        0x3c,
        0x3f,
        0x78,
        0x6d,
        0x6c,
        0x20,
        ...latin1('encoding="iso-8859-2"?><a>'),
        0xa3,
        ...latin1('</a>'),
      ]),
      'text/xml; charset=iso-8859-1',
      '<?xml encoding="iso-8859-2"?><a>Ł</a>',
      'iso-8859-2',
      'document',
    ],
    [
      'HTML meta charset',
      latin1('<!DOCTYPE html><html><head><meta charset="windows-1251"></head>\xcf'),
      'text/html',
      '<!DOCTYPE html><html><head><meta charset="windows-1251"></head>П',
      'windows-1251',
      'document',
    ],
    [
      'HTML http-equiv charset',
      latin1('<html><meta http-equiv="Content-Type" content="text/html; charset=koi8-r">\xf0'),
      undefined,
      '<html><meta http-equiv="Content-Type" content="text/html; charset=koi8-r">П',
      'koi8-r',
      'document',
    ],
    [
      'alias outside WHATWG: windows-31j',
      Buffer.from([0x93, 0xfa]),
      'text/xml; charset=Windows-31J',
      '日',
      'shift_jis',
      'header',
    ],
  ])('%s', (_name, bytes, contentType, text, charset, source) => {
    const decoded = decodeText(bytes, contentType);
    expect(decoded).toMatchObject({ text, charset, source });
  });

  it('header says UTF-8, bytes are windows-1252, prolog says so: windows-1252, with a note', () => {
    const bytes = Buffer.concat([
      latin1('<?xml version="1.0" encoding="windows-1252"?><t>'),
      Buffer.from([0x93, 0x80, 0x94]),
      latin1('</t>'),
    ]);
    const decoded = decodeText(bytes, 'application/rss+xml; charset=utf-8');
    expect(decoded.text).toContain('<t>“€”</t>');
    expect(decoded.charset).toBe('windows-1252');
    expect(decoded.note).toBe('header says utf-8 but the bytes do not decode as it; used windows-1252');
  });

  it('an unknown declared charset is skipped and reported', () => {
    const decoded = decodeText(utf8('<a>é</a>'), 'text/xml; charset=x-klingon');
    expect(decoded).toMatchObject({ text: '<a>é</a>', charset: 'utf-8', source: 'default' });
    expect(decoded.note).toBe('unknown charset "x-klingon" in header ignored');
  });

  it('a prolog claiming UTF-16 over 8-bit bytes is ignored', () => {
    const decoded = decodeText(utf8('<?xml version="1.0" encoding="UTF-16"?><a>é</a>'));
    expect(decoded).toMatchObject({ charset: 'utf-8', note: 'document declares utf-16le but the bytes are 8-bit' });
  });

  it('mostly-UTF-8 with a stray byte keeps the UTF-8 text and replaces only that byte', () => {
    const bytes = Buffer.concat([utf8('<a>Hà Nội '), Buffer.from([0xff]), utf8('</a>')]);
    const decoded = decodeText(bytes, 'text/xml; charset=utf-8');
    expect(decoded).toMatchObject({ text: '<a>Hà Nội \uFFFD</a>', charset: 'utf-8', source: 'fallback' });
    expect(decoded.note).toMatch(/replacement/);
  });

  it('undeclared non-UTF-8 bytes fall back to windows-1252 (every byte decodes)', () => {
    const decoded = decodeText(latin1('<a>caf\xe9</a>'));
    expect(decoded).toMatchObject({ text: '<a>café</a>', charset: 'windows-1252', source: 'fallback' });
  });
});

describe('decodeWindows1252 (works around nodejs/node#60888)', () => {
  it('maps all 32 bytes 0x80-0x9F per the WHATWG index', () => {
    const bytes = Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i);
    expect(decodeWindows1252(bytes)).toBe('€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8DŽ\x8F\x90‘’“”•–—˜™š›œ\x9DžŸ');
  });

  it('maps every other byte to the same code point', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i).filter((b) => b < 0x80 || b > 0x9f);
    expect([...decodeWindows1252(bytes)].map((c) => c.charCodeAt(0))).toEqual([...bytes]);
  });
});
