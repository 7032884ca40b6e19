import { describe, expect, it } from 'vitest';
import { formatConfigError, loadSettings, parseFeedsOpml, parseTopicsYaml } from '../../../lib/config.ts';

const opml = (body: string) =>
  `<?xml version="1.0"?>\n<opml version="2.0">\n<head/>\n<body>\n${body}\n</body>\n</opml>`;

describe('parseFeedsOpml', () => {
  it('reads nested outlines, categories from parents, and stable ids from URLs', () => {
    const result = parseFeedsOpml(
      opml(`<outline text="Asia">
  <outline type="rss" text="One" xmlUrl="https://one.example/feed.xml" htmlUrl="https://one.example/"/>
</outline>
<outline type="rss" title="Two" text="ignored" xmlUrl="https://www.two.example/rss?a=1&amp;b=2"/>`),
      'feeds.opml',
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.map(({ title, url, category, siteUrl }) => ({ title, url, category, siteUrl }))).toEqual([
      { title: 'One', url: 'https://one.example/feed.xml', category: 'Asia', siteUrl: 'https://one.example/' },
      { title: 'Two', url: 'https://www.two.example/rss?a=1&b=2', category: undefined, siteUrl: undefined },
    ]);
    expect(result.value[0]?.feedId).toMatch(/^one-example-[\w-]{8}$/);
    const again = parseFeedsOpml(opml('<outline text="Renamed" xmlUrl="https://one.example/feed.xml"/>'), 'f');
    expect(again.ok && again.value[0]?.feedId).toBe(result.value[0]?.feedId);
  });

  it.each([
    ['unclosed tag', opml('<outline text="x" xmlUrl="https://a.example/">'), 'feeds.opml:', /closed|expected|tag/i],
    ['relative URL', opml('<outline text="x" xmlUrl="/feed.xml"/>'), 'feeds.opml:5', /not an absolute URL/],
    ['non-http scheme', opml('<outline text="x" xmlUrl="file:///etc/passwd"/>'), 'feeds.opml:5', /http or https/],
    [
      'duplicate feed',
      opml('<outline xmlUrl="https://a.example/f"/>\n<outline xmlUrl="https://a.example/f"/>'),
      'feeds.opml',
      /listed twice/,
    ],
    ['a DTD', `<!DOCTYPE opml [<!ENTITY x "y">]>${opml('')}`, 'feeds.opml:1', /DTD/],
    ['no feeds', opml('<outline text="empty folder"/>'), 'feeds.opml', /no <outline/],
    ['not OPML', '<rss><channel/></rss>', 'feeds.opml', /not an OPML document/],
  ])('rejects %s with file, line and problem', (_name, text, location, problem) => {
    const result = parseFeedsOpml(text, 'feeds.opml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const message = formatConfigError(result.error);
    expect(message.startsWith(location)).toBe(true);
    expect(message).toMatch(problem);
  });
});

describe('parseTopicsYaml', () => {
  it('applies defaults and trims text', () => {
    const result = parseTopicsYaml('- slug: t1\n  title: T\n  query: |\n    a AND b\n', 'topics.yaml');
    expect(result).toEqual({
      ok: true,
      value: [{ slug: 't1', title: 'T', description: '', query: 'a AND b', maxItems: 200, retentionDays: 30 }],
    });
  });

  it('names every problem at once, each with its line', () => {
    const text = [
      '- slug: Bad Slug', // 1
      '  title: ok', // 2
      '  query: x', // 3
      '- slug: fine', // 4
      '  title: Fine', // 5
      '  query: y', // 6
      '  maxItems: -3', // 7
      '  colour: blue', // 8
      '- slug: fine', // 9
      '  title: Again', // 10
      '  query: z', // 11
    ].join('\n');
    const result = parseTopicsYaml(text, 'topics.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const lines = formatConfigError(result.error).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^topics\.yaml:1: topic #1: slug: /);
    expect(lines[1]).toMatch(/^topics\.yaml:7: topic #2: maxItems: /);
    expect(lines[2]).toMatch(/^topics\.yaml:4: topic #2: topic: .*colour/);
    expect(lines[3]).toMatch(/^topics\.yaml:9: topic slug "fine" is defined twice \(first on line 4\)/);
  });

  it.each([
    ['broken YAML', '- slug: a\n  title: [unclosed\n', /^topics\.yaml:\d+:\d+: /],
    ['a mapping instead of a list', 'slug: a\n', /^topics\.yaml:1: expected a list of topics/],
    ['a missing query', '- slug: a\n  title: A\n', /^topics\.yaml:1: topic #1: query: /],
  ])('rejects %s', (_name, text, pattern) => {
    const result = parseTopicsYaml(text, 'topics.yaml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(formatConfigError(result.error)).toMatch(pattern);
  });
});

describe('loadSettings', () => {
  it('has working defaults', () => {
    const result = loadSettings({});
    expect(result.ok && result.value.tableName).toBe('wirefold');
    expect(result.ok && result.value.fetchMaxBytes).toBe(16 * 1024 * 1024);
  });

  it('names every bad key at once', () => {
    const result = loadSettings({ FETCH_TIMEOUT_MS: 'soon', LOG_LEVEL: 'LOUD', PUBLIC_BASE_URL: 'not a url' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.map((e) => e.split(':')[0]).sort()).toEqual([
        'FETCH_TIMEOUT_MS',
        'LOG_LEVEL',
        'PUBLIC_BASE_URL',
      ]);
    }
  });
});
