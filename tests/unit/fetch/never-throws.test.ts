import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyAddress } from '../../../lib/fetch/address-policy.ts';
import { parseCacheMaxAgeS, parseRetryAfterS } from '../../../lib/fetch/cache-headers.ts';
import { decodeText } from '../../../lib/fetch/decode-text.ts';
import { sniffHtmlPage } from '../../../lib/fetch/sniff-html-page.ts';

// Everything here reads bytes and headers a hostile server chose: none of it may throw, whatever arrives.
const labels = fc.constantFrom('utf-8', 'UTF-16', 'gbk', 'windows-1252', 'x-unknown', '"big5"', '', 'shift_jis');
const contentTypes = fc.option(
  fc.oneof(
    fc.string(),
    labels.map((l) => `text/xml; charset=${l}`),
  ),
  { nil: undefined },
);
const prolog = labels.map((l) => new Uint8Array(Buffer.from(`<?xml version="1.0" encoding="${l}"?>`)));
const bodies = fc.oneof(
  fc.uint8Array({ maxLength: 512 }),
  fc.tuple(prolog, fc.uint8Array({ maxLength: 256 })).map(([a, b]) => new Uint8Array([...a, ...b])),
);

describe('hostile input never throws', () => {
  it('decodeText returns a string and a known charset for any bytes and any Content-Type', () => {
    fc.assert(
      fc.property(bodies, contentTypes, (bytes, contentType) => {
        const decoded = decodeText(bytes, contentType);
        expect(typeof decoded.text).toBe('string');
        expect(new TextDecoder(decoded.charset).encoding).toBe(decoded.charset);
      }),
      { numRuns: 1000 },
    );
  });

  it('classifyAddress answers for any string, and only valid IPs can be public', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.ipV4(), fc.ipV6(), fc.ipV4Extended()), (text) => {
        const cls = classifyAddress(text);
        if (cls === 'public') expect(text).toMatch(/^[\d.]+$|:/);
      }),
      { numRuns: 2000 },
    );
  });

  it('header parsers and the HTML sniffer accept any text', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        parseCacheMaxAgeS({ 'cache-control': a, expires: b, date: a });
        const wait = parseRetryAfterS({ 'retry-after': a, date: b }, 0);
        if (wait !== undefined) expect(wait).toBeGreaterThanOrEqual(0);
        sniffHtmlPage(`<!doctype html>${a}<link rel="alternate" type="application/rss+xml" href="${b}">`, 'https://x/');
      }),
      { numRuns: 1000 },
    );
  });
});
