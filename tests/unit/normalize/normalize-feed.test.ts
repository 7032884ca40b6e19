import { describe, expect, it } from 'vitest';
import type { ParsedEntry, ParsedFeed } from '../../../lib/model.ts';
import { normalizeFeed, normalizeFeedDetailed } from '../../../lib/normalize/normalize-feed.ts';
import { parseFeed } from '../../../lib/parse/parse-feed.ts';

const FETCHED_AT = '2026-01-01T00:00:00.000Z';
const context = { feedUrl: 'https://feeds.example.com/news/feed.xml', fetchedAt: FETCHED_AT };
const feedOf = (...entries: Partial<ParsedEntry>[]): ParsedFeed => ({
  format: 'rss',
  title: 'Feed',
  link: 'https://site.example.com/',
  entries: entries.map((entry) => ({ authors: [], categories: [], ...entry })),
});

describe('normalizeFeed rules', () => {
  it.each([
    ['stated publish date', { title: 't', published: 'Mon, 06 Sep 2021 16:45:00 PDT' }, '2021-09-06T23:45:00.000Z'],
    ['update date when no publish date', { title: 't', updated: '2021-09-06T10:00:00Z' }, '2021-09-06T10:00:00.000Z'],
    ['first seen when undated', { title: 't' }, FETCHED_AT],
    ['first seen when unparseable', { title: 't', published: 'last Tuesday' }, FETCHED_AT],
    ['first seen when absurdly in the future', { title: 't', published: '2099-01-01T00:00:00Z' }, FETCHED_AT],
    [
      'a few hours ahead is clock skew, kept',
      { title: 't', published: '2026-01-01T05:00:00Z' },
      '2026-01-01T05:00:00.000Z',
    ],
  ])('publishedAt: %s', (_name, entry, expected) => {
    expect(normalizeFeed(feedOf(entry), context)[0]?.publishedAt).toBe(expected);
  });

  it.each([
    ['absolute link kept', { title: 't', link: 'https://a.example/x' }, 'https://a.example/x'],
    ['relative link against the feed home page', { title: 't', link: '/x' }, 'https://site.example.com/x'],
    [
      'relative link against the entry xml:base first',
      { title: 't', link: 'x', base: 'https://b.example/dir/' },
      'https://b.example/dir/x',
    ],
    ['javascript: link dropped', { title: 't', link: 'javascript:alert(1)' }, undefined],
  ])('url: %s', (_name, entry, expected) => {
    expect(normalizeFeed(feedOf(entry), context)[0]?.url).toBe(expected);
  });

  it('falls back to the URL the feed was fetched from when the feed has no home link', () => {
    const feed: ParsedFeed = { format: 'rss', entries: [{ title: 't', link: 'item/1', authors: [], categories: [] }] };
    expect(normalizeFeed(feed, context)[0]?.url).toBe('https://feeds.example.com/news/item/1');
  });

  it.each([
    ['guid', { guid: 'urn:1', link: 'https://a.example/1', title: 'x' }, 'g:'],
    ['link when no guid', { link: 'https://a.example/1', title: 'x' }, 'l:'],
    ['title + date when no guid and no link', { title: 'x', published: '2021-01-01T00:00:00Z' }, 't:'],
  ])('entryKey uses the %s', (_name, entry, prefix) => {
    expect(normalizeFeed(feedOf(entry), context)[0]?.entryKey.startsWith(prefix)).toBe(true);
  });

  it('gives different keys to different stories that share one guid', () => {
    const keys = normalizeFeed(
      feedOf(
        { guid: 'same', link: 'https://a.example/1', title: 'One' },
        { guid: 'same', link: 'https://a.example/2', title: 'Two' },
      ),
      context,
    ).map((entry) => entry.entryKey);
    expect(new Set(keys).size).toBe(2);
    expect(keys.every((key) => key.startsWith('l:'))).toBe(true);
  });

  it('gives different keys to guid-less stories that share one link', () => {
    const keys = normalizeFeed(
      feedOf({ link: 'https://a.example/', title: 'One' }, { link: 'https://a.example/', title: 'Two' }),
      context,
    ).map((entry) => entry.entryKey);
    expect(new Set(keys).size).toBe(2);
  });

  it('keeps keys stable across fetches for undated, guid-less entries', () => {
    const feed = feedOf({ title: 'Undated' });
    const first = normalizeFeed(feed, context)[0]?.entryKey;
    expect(normalizeFeed(feed, { ...context, fetchedAt: '2027-06-01T00:00:00.000Z' })[0]?.entryKey).toBe(first);
  });

  it('returns exactly the NormalizedEntry contract fields', () => {
    const [entry] = normalizeFeed(feedOf({ guid: 'g', link: '/x', title: '<b>T</b>', summary: '<p>s</p>' }), context);
    expect(Object.keys(entry ?? {}).sort()).toEqual(
      ['authors', 'categories', 'entryKey', 'publishedAt', 'summaryHtml', 'title', 'url'].sort(),
    );
    expect(entry?.title).toBe('T');
  });

  it('does not store entries with nothing to show, but the detailed view lists them', () => {
    const feed = feedOf({ guid: 'only-an-id' }, { title: 'Shown' });
    expect(normalizeFeed(feed, context).map((entry) => entry.title)).toEqual(['Shown']);
    expect(normalizeFeedDetailed(feed, context).entries).toHaveLength(2);
  });

  it('normalizes the language tag and inherits it from the feed', () => {
    const parsed = parseFeed('<rss><channel><language>en_US</language><item><title>t</title></item></channel></rss>');
    expect(parsed.ok && normalizeFeed(parsed.value, context)[0]?.language).toBe('en-US');
  });
});
