import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleIdOf } from '../../../lib/dedupe/article-id.ts';
import { canonicalizeUrl } from '../../../lib/dedupe/canonical-url.ts';

describe('canonicalizeUrl', () => {
  it.each([
    ['lower-cases the host and drops www.', 'https://WWW.Example.COM/News/Story', 'https://example.com/News/Story'],
    ['drops mobile and amp host prefixes', 'https://m.example.com/a', 'https://example.com/a'],
    ['drops amp. prefix', 'https://amp.example.com/a', 'https://example.com/a'],
    ['treats http as https', 'http://example.com/a', 'https://example.com/a'],
    ['drops default ports', 'https://example.com:443/a', 'https://example.com/a'],
    ['keeps other ports', 'https://example.com:8443/a', 'https://example.com:8443/a'],
    ['drops the fragment', 'https://example.com/a#comments', 'https://example.com/a'],
    ['drops utm_* parameters', 'https://example.com/a?utm_source=rss&utm_medium=feed', 'https://example.com/a'],
    ['drops click ids', 'https://example.com/a?fbclid=x&gclid=y&mc_cid=1&mc_eid=2', 'https://example.com/a'],
    ['drops ocid/cmpid/smid', 'https://example.com/a?ocid=1&cmpid=2&smid=3', 'https://example.com/a'],
    ['drops social ref parameters', 'https://example.com/a?ref=rss&ref_src=twsrc', 'https://example.com/a'],
    ['keeps content parameters, sorted', 'https://example.com/view?p=2&id=9', 'https://example.com/view?id=9&p=2'],
    ['drops the AMP output parameter', 'https://example.com/a?outputType=amp', 'https://example.com/a'],
    ['drops a trailing /amp segment', 'https://example.com/news/story/amp/', 'https://example.com/news/story'],
    ['turns .amp.html into .html', 'https://example.com/story.amp.html', 'https://example.com/story.html'],
    [
      'drops index documents',
      'https://example.com/2024/01/02/story/index.html',
      'https://example.com/2024/01/02/story',
    ],
    ['drops the trailing slash', 'https://example.com/news/', 'https://example.com/news'],
    ['keeps the root slash', 'https://example.com/', 'https://example.com/'],
    ['keeps path case', 'https://example.com/Article/ABC', 'https://example.com/Article/ABC'],
    ['repairs a doubled origin', 'https://a.example.comhttps://a.example.com/x?id=1', 'https://a.example.com/x?id=1'],
    ['keeps a two-label host intact', 'https://www.com/a', 'https://www.com/a'],
    ['leaves non-URLs alone', 'not a url', 'not a url'],
  ])('%s', (_rule, input, expected) => {
    expect(canonicalizeUrl(input)).toBe(expected);
  });

  it('is idempotent on any web URL', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        const once = canonicalizeUrl(url);
        expect(canonicalizeUrl(once)).toBe(once);
      }),
      { numRuns: 150 },
    );
  });

  it('is idempotent on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const once = canonicalizeUrl(text);
        expect(canonicalizeUrl(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });
});

describe('articleIdOf', () => {
  it('gives one id to tracking and mirror variants of a link', () => {
    const a = articleIdOf({ url: 'https://www.example.com/a/?utm_source=x', feedId: 'f1', entryKey: 'g:1' });
    const b = articleIdOf({ url: 'http://m.example.com/a', feedId: 'f2', entryKey: 'g:2' });
    expect(a).toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  it('falls back to feed and entry key without a link', () => {
    const a = articleIdOf({ feedId: 'f1', entryKey: 'g:1' });
    expect(articleIdOf({ feedId: 'f1', entryKey: 'g:1' })).toBe(a);
    expect(articleIdOf({ feedId: 'f2', entryKey: 'g:1' })).not.toBe(a);
  });
});
