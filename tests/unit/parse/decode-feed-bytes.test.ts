import { describe, expect, it } from 'vitest';
import { decodeFeedBytes } from '../../../lib/parse/decode-feed-bytes.ts';

const prolog = (encoding: string) => `<?xml version="1.0" encoding="${encoding}"?><rss><channel><title>`;
const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))));

describe('decodeFeedBytes', () => {
  it.each([
    ['UTF-8 BOM', bytes([0xef, 0xbb, 0xbf], '<rss>', [0xc3, 0xa9]), 'utf-8', '<rss>\u00e9'],
    [
      'UTF-16LE BOM',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<rss>\u00e9', 'utf16le')]),
      'utf-16le',
      '<rss>\u00e9',
    ],
    ['UTF-16LE without BOM', Buffer.from('<rss>\u00e9', 'utf16le'), 'utf-16le', '<rss>\u00e9'],
    [
      'windows-1252 prolog',
      bytes(prolog('windows-1252'), [0x93, 0x96, 0x80]),
      'windows-1252',
      `${prolog('windows-1252')}\u201c\u2013\u20ac`,
    ],
    [
      'ISO-8859-1 prolog reads as windows-1252',
      bytes(prolog('ISO-8859-1'), [0xe9, 0x92]),
      'windows-1252',
      `${prolog('ISO-8859-1')}\u00e9\u2019`,
    ],
    ['GB2312 prolog', bytes(prolog('gb2312'), [0xc4, 0xe3]), 'gbk', `${prolog('gb2312')}\u4f60`],
    ['Shift_JIS prolog', bytes(prolog('Shift_JIS'), [0x82, 0xa0]), 'shift_jis', `${prolog('Shift_JIS')}\u3042`],
    ['EUC-KR prolog', bytes(prolog('euc-kr'), [0xb3, 0xe2]), 'euc-kr', `${prolog('euc-kr')}\ub144`],
    ['TIS-620 prolog', bytes(prolog('tis-620'), [0xa1]), 'windows-874', `${prolog('tis-620')}\u0e01`],
    ['windows-1258 prolog', bytes(prolog('windows-1258'), [0xd0]), 'windows-1258', `${prolog('windows-1258')}\u0110`],
    ['no declaration, valid UTF-8', bytes('<rss>', [0xe2, 0x80, 0x99]), 'utf-8', '<rss>\u2019'],
    ['no declaration, not UTF-8 at all: windows-1252', bytes('<rss>caf', [0xe9]), 'windows-1252', '<rss>caf\u00e9'],
    ['UTF-16 label on 8-bit bytes', bytes(prolog('utf-16'), [0xc3, 0xa9]), 'utf-8', `${prolog('utf-16')}\u00e9`],
    [
      'unknown label falls back to UTF-8',
      bytes(prolog('x-klingon'), [0xc3, 0xa9]),
      'utf-8',
      `${prolog('x-klingon')}\u00e9`,
    ],
  ])('%s', (_name, input, encoding, text) => {
    expect(decodeFeedBytes(input)).toEqual({ encoding, text });
  });

  it('lets a declared charset (HTTP header) override the prolog', () => {
    expect(decodeFeedBytes(bytes(prolog('utf-8'), [0xe9]), 'iso-8859-15').text).toBe(`${prolog('utf-8')}\u00e9`);
  });
});
