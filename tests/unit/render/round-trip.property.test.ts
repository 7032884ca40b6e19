import fc from 'fast-check';
import { parseFeed } from 'feedsmith';
import { describe, expect, it } from 'vitest';
import type { FeedView, FeedViewItem } from '../../../lib/model.ts';
import { toRfc822 } from '../../../lib/render/feed-dates.ts';
import { type PreparedItem, prepareItem } from '../../../lib/render/prepare-view.ts';
import { renderFeed } from '../../../lib/render/registry.ts';

/**
 * Property: any stored item, however hostile, renders in every format to a document that an independent parser
 * (feedsmith) reads back to the same item — the cleaned values prepareItem decides to publish (their cleaning
 * rules have their own tables in text-rules/safe-html tests). Nothing is lost or mangled by serialization.
 */

const nasty = fc.constantFrom(
  ']]>',
  '<![CDATA[x]]>',
  '<b>bold</b>',
  '<script>alert(1)</script>',
  '&amp;',
  '&',
  '&#0;',
  '"\'',
  '\u0000',
  '\u0007',
  '\u000b',
  '\u001f',
  '\u0085',
  '\ufffe',
  '\ud800',
  '\udc00',
  '\r\n',
  '\t',
  '😀',
  'Việt Nam',
  '中国',
  'ไทย',
  '\u200b',
  ' ',
);
const text = fc
  .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), nasty), { maxLength: 6 })
  .map((parts) => parts.join(''));
const html = fc
  .array(
    fc.oneof(
      text,
      nasty,
      fc.constantFrom(
        '<p>',
        '</p>',
        '<a href="https://e.x/?a=1&amp;b=2">',
        '</a>',
        '<img src="/rel.png">',
        '<!-- c -->',
      ),
    ),
    {
      maxLength: 8,
    },
  )
  .map((parts) => parts.join(''));
const url = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom(
    '/relative/path',
    'https://例え.jp/記事?q=ü',
    'http://xn--r8jz45g.jp/a b',
    'javascript:alert(1)',
    'mailto:a@b.c',
    '',
    'https://e.x/?a=1&b=<2>',
  ),
);
const isoDate = fc.oneof(
  fc
    .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.constantFrom('not a date', '2026-02-30T00:00:00Z'),
);
const outlet = fc.record(
  { title: text, url: fc.option(url, { nil: undefined }), feedUrl: fc.option(url, { nil: undefined }) },
  { requiredKeys: ['title'] },
);

const itemArbitrary: fc.Arbitrary<FeedViewItem> = fc.record(
  {
    id: fc.stringMatching(/^[A-Za-z0-9_-]{1,22}$/).map((id) => `tag:wirefold.dev,2026:article/${id}`),
    url: url,
    title: text,
    summaryHtml: html,
    contentHtml: html,
    publishedAt: isoDate,
    updatedAt: isoDate,
    authors: fc.array(text, { maxLength: 3 }),
    categories: fc.array(text, { maxLength: 3 }),
    language: fc.constantFrom('en', 'zh-Hans', 'vi', 'bad lang', '"x'),
    source: outlet,
    alsoReportedBy: fc.array(outlet, { maxLength: 3 }),
    why: fc.array(text, { maxLength: 3 }),
  },
  { requiredKeys: ['id', 'title', 'publishedAt', 'authors', 'categories', 'source', 'alsoReportedBy'] },
);

const viewOf = (item: FeedViewItem, format: string): FeedView => ({
  id: 'tag:wirefold.dev,2026:topic/t',
  title: 'T',
  description: 'D',
  selfUrl: `https://feeds.example.org/topics/t.${format}`,
  homeUrl: 'https://feeds.example.org/',
  updatedAt: '2026-11-24T09:30:00Z',
  items: [item],
});
const FALLBACK = '2026-11-24T09:30:00Z';

// feedsmith returns plain objects whose shape depends on the format; the checks below read them loosely.
// biome-ignore lint/suspicious/noExplicitAny: third-party parse result, inspected field by field
type Loose = any;
const parsedItem = (format: 'rss' | 'atom' | 'json', document: string): Loose => {
  const parsed = parseFeed(document) as Loose;
  expect(parsed.format).toBe(format);
  const items = format === 'atom' ? parsed.feed.entries : parsed.feed.items;
  expect(items).toHaveLength(1);
  return items[0];
};
const listOf = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

function expectRss(item: Loose, expected: PreparedItem) {
  expect(item.guid?.value).toBe(expected.id);
  expect(item.title).toBe(expected.title);
  expect(item.link).toBe(expected.url);
  expect(item.pubDate).toBe(toRfc822(expected.published ?? expected.updated));
  expect(item.description).toBe(expected.summaryHtml ?? expected.contentHtml);
  expect(item.content?.encoded).toBe(expected.summaryHtml !== undefined ? expected.contentHtml : undefined);
  expect(listOf(item.categories).map((c: Loose) => c.name)).toEqual(expected.categories);
  expect(listOf(item.dc?.creators ?? item.dc?.creator)).toEqual(expected.authors);
  if (expected.source?.feedUrl)
    expect(item.source).toEqual({ title: expected.source.title, url: expected.source.feedUrl });
  else expect(item.source).toBeUndefined();
}

function expectAtom(entry: Loose, expected: PreparedItem) {
  expect(entry.id).toBe(expected.id);
  expect(entry.title?.value ?? entry.title).toBe(expected.title);
  expect(listOf(entry.links).find((l: Loose) => l.rel === 'alternate')?.href).toBe(expected.url);
  expect(entry.published).toBe(expected.published);
  expect(entry.updated).toBe(expected.updated);
  expect(listOf(entry.authors).map((a: Loose) => a.name)).toEqual(expected.authors);
  expect(listOf(entry.categories).map((c: Loose) => c.term)).toEqual(expected.categories);
  expect(entry.summary?.value).toBe(expected.summaryHtml);
  const emptyContent = !expected.url && expected.summaryHtml === undefined && expected.contentHtml === undefined;
  expect(entry.content?.value).toBe(emptyContent ? undefined : expected.contentHtml);
  expect(entry.source?.title?.value).toBe(expected.source?.title);
}

function expectJson(item: Loose, raw: Loose, expected: PreparedItem) {
  expect(item.id).toBe(expected.id);
  expect(item.title).toBe(expected.title);
  expect(item.url).toBe(expected.url);
  expect(item.content_html).toBe(expected.contentHtml ?? expected.summaryHtml);
  expect(item.summary).toBe(expected.contentHtml !== undefined ? expected.summaryHtml : undefined);
  expect(item.date_published).toBe(expected.published);
  expect(item.date_modified).toBe(expected.updated);
  expect(listOf(item.authors).map((a: Loose) => a.name)).toEqual(expected.authors);
  expect(listOf(item.tags)).toEqual(expected.categories);
  expect(item.language).toBe(expected.language);
  // The extension object is ours; feedsmith drops unknown keys, so it is read with JSON.parse.
  const extension = raw.items[0]._wirefold;
  expect(extension.why).toEqual(expected.why);
  expect(extension.also_reported_by.map((o: Loose) => o.title)).toEqual(expected.alsoReportedBy.map((o) => o.title));
  expect(extension.source?.title).toBe(expected.source?.title);
}

describe('render → independent parse round trip', () => {
  it.each(['rss', 'atom', 'json'] as const)('%s', (format) => {
    fc.assert(
      fc.property(itemArbitrary, (item) => {
        const document = renderFeed(format, viewOf(item, format));
        const expected = prepareItem(item, FALLBACK);
        const parsed = parsedItem(format, document);
        if (format === 'rss') expectRss(parsed, expected);
        if (format === 'atom') expectAtom(parsed, expected);
        if (format === 'json') expectJson(parsed, JSON.parse(document), expected);
      }),
      { numRuns: 300, seed: 20261125 },
    );
  });
});
