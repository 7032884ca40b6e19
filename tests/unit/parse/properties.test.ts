import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeFeed } from '../../../lib/normalize/normalize-feed.ts';
import { parseFeed } from '../../../lib/parse/parse-feed.ts';

// Pieces of feeds, glued in any order: fast-check finds the combinations nobody writes by hand.
const fragment = fc.constantFrom(
  '<rss version="2.0">',
  '<channel>',
  '</channel>',
  '</rss>',
  '<item>',
  '</item>',
  '<feed xmlns="http://www.w3.org/2005/Atom">',
  '<entry>',
  '</entry>',
  '<title>',
  '</title>',
  '<title type="xhtml">',
  '<div xmlns="http://www.w3.org/1999/xhtml">',
  '</div>',
  '<link>',
  '</link>',
  '<link href="',
  '"/>',
  '<guid>',
  '</guid>',
  '<pubDate>',
  '</pubDate>',
  '<updated>',
  '</updated>',
  '<description>',
  '</description>',
  '<content type="html">',
  '</content>',
  '<![CDATA[',
  ']]>',
  '<!--',
  '-->',
  '<!DOCTYPE rss [<!ENTITY e "x">]>',
  '<?xml version="1.0"?>',
  'xml:base="',
  '&amp;',
  '&nbsp;',
  '&bogus;',
  '&#0;',
  '&',
  '<',
  '>',
  '"',
  "'",
  'http://a.example/x',
  '/rel/path',
  'javascript:alert(1)',
  'Mon, 06 Sep 2021 16:45:00 EST',
  '2021-09-06T16:45:00Z',
  'not a date',
  '<script>x</script>',
  '<a href="/y" onclick="z()">',
  'text',
  ' ',
  '\n',
  '\u0000',
  '\ufeff',
  '\ud800',
  '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
  '{"version":"https://jsonfeed.org/version/1.1","items":[',
  '{"id":1,"url":"/p","date_published":"2021"}',
  ']}',
  ',',
);
const feedish = fc.array(fc.oneof(fragment, fc.string()), { maxLength: 60 }).map((parts) => parts.join(''));
const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), feedish);

describe('parseFeed and normalizeFeed invariants', () => {
  it('parseFeed never throws, and every failure is a typed ParseError', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const result = parseFeed(text);
        if (!result.ok) {
          expect(['empty', 'not-a-feed', 'malformed', 'refused-dtd']).toContain(result.error.kind);
          expect(result.error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('normalizeFeed yields absolute http(s) URLs or none, ISO dates, and non-empty keys', () => {
    fc.assert(
      fc.property(feedish, fc.constantFrom('https://feeds.example.com/f.xml', '', 'not a url'), (text, feedUrl) => {
        const parsed = parseFeed(text);
        if (!parsed.ok) return;
        const fetchedAt = '2026-01-01T00:00:00.000Z';
        for (const entry of normalizeFeed(parsed.value, { feedUrl, fetchedAt })) {
          if (entry.url !== undefined) expect(new URL(entry.url).protocol).toMatch(/^https?:$/);
          expect(new Date(entry.publishedAt).toISOString()).toBe(entry.publishedAt);
          if (entry.updatedAt !== undefined) expect(new Date(entry.updatedAt).toISOString()).toBe(entry.updatedAt);
          expect(entry.entryKey.length).toBeGreaterThan(2);
          for (const html of [entry.summaryHtml, entry.contentHtml]) {
            expect(html ?? '').not.toMatch(/<script|javascript:|\son\w+=/i);
          }
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('normalizeFeed is deterministic: same input, same entry keys', () => {
    fc.assert(
      fc.property(feedish, (text) => {
        const parsed = parseFeed(text);
        if (!parsed.ok) return;
        const context = { feedUrl: 'https://feeds.example.com/f.xml', fetchedAt: '2026-01-01T00:00:00.000Z' };
        const keys = normalizeFeed(parsed.value, context).map((entry) => entry.entryKey);
        expect(
          normalizeFeed(parsed.value, { ...context, fetchedAt: '2027-01-01T00:00:00.000Z' }).map((e) => e.entryKey),
        ).toEqual(keys);
      }),
      { numRuns: 500 },
    );
  });
});
