import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../lib/parse/parse-feed.ts';

const rss = (items: string, channel = '') =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://x.example/</link>${channel}${items}</channel></rss>`;

describe('parseFeed failures are typed values with positions', () => {
  it.each([
    ['', 'empty', 1, 1],
    ['   \n\t ', 'empty', 1, 1],
    ['just some words', 'not-a-feed', 1, 1],
    ['<!DOCTYPE html>\n<html><body>hi</body></html>', 'not-a-feed', 2, 1],
    ['<?xml version="1.0"?>\n<opml version="2.0"><body/></opml>', 'not-a-feed', 2, 1],
    ['<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "x"\n<rss/>', 'refused-dtd', 2, 1],
    ['{"version": "https://jsonfeed.org/version/1.1",\n "items": [', 'malformed', 2, 12],
    ['{"hello": "world"}', 'not-a-feed', undefined, undefined],
    ['[1, 2]', 'not-a-feed', 1, 1], // JSON, but starts with `[`: read as XML, finds no element
  ])('%j → %s at %s:%s', (text, kind, line, column) => {
    const result = parseFeed(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe(kind);
    expect(result.error.message).not.toBe('');
    expect(result.error.line).toBe(line);
    expect(result.error.column).toBe(column);
  });
});

describe('parseFeed tolerances', () => {
  it.each([
    ['format: RSS 2.0', rss('<item><title>a</title></item>'), (f) => f.format, 'rss'],
    [
      'format: RSS 0.91 without version',
      '<rss><channel><item><title>a</title></item></channel></rss>',
      (f) => f.format,
      'rss',
    ],
    [
      'format: RDF',
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><item/></rdf:RDF>',
      (f) => f.format,
      'rdf',
    ],
    ['format: Atom without namespace', '<feed><entry><title>a</title></entry></feed>', (f) => f.entries.length, 1],
    ['format: JSON Feed', '{"version":"https://jsonfeed.org/version/1","items":[]}', (f) => f.format, 'json'],
    ['BOM', `\ufeff${rss('<item><title>bom</title></item>')}`, (f) => f.entries[0]?.title, 'bom'],
    ['leading blank lines', `\n\n  ${rss('<item><title>ws</title></item>')}`, (f) => f.entries[0]?.title, 'ws'],
    [
      'junk before the prolog',
      `Warning: PHP notice\n${rss('<item><title>php</title></item>')}`,
      (f) => f.entries[0]?.title,
      'php',
    ],
    [
      'bare & in a link',
      rss('<item><link>https://x.example/?a=1&b=2</link></item>'),
      (f) => f.entries[0]?.link,
      'https://x.example/?a=1&b=2',
    ],
    [
      'undeclared HTML entities',
      rss('<item><title>caf&eacute;&nbsp;&mdash;</title></item>'),
      (f) => f.entries[0]?.title,
      'caf\u00e9\u00a0\u2014',
    ],
    [
      'CDATA',
      rss('<item><title><![CDATA[Tom & Jerry <3]]></title></item>'),
      (f) => f.entries[0]?.title,
      'Tom & Jerry <3',
    ],
    // The text ends inside the item: an entry cut off by the download is left for the next, complete poll.
    [
      'an entry cut off at the end of the text is dropped',
      '<rss><channel><item><title><![CDATA[cut',
      (f) => f.entries.length,
      0,
    ],
    ['unclosed CDATA runs to the end', '<rss><channel><title><![CDATA[cut', (f) => f.title, 'cut'],
    [
      'truncated document keeps what was read',
      rss('<item><title>one</title></item><item><title>tw'),
      (f) => f.entries.length,
      2,
    ],
    ['stray end tags are ignored', rss('<item></b><title>t</title></item>'), (f) => f.entries[0]?.title, 't'],
    [
      'uppercase element names',
      '<RSS><CHANNEL><ITEM><TITLE>up</TITLE></ITEM></CHANNEL></RSS>',
      (f) => f.entries[0]?.title,
      'up',
    ],
    ['a literal < in text', rss('<item><title>a < b</title></item>'), (f) => f.entries[0]?.title, 'a < b'],
    [
      'prefix bound to a namespace URI, not a name',
      rss('<item><x:creator xmlns:x="http://purl.org/dc/elements/1.1/">Jo</x:creator></item>'),
      (f) => f.entries[0]?.authors[0],
      'Jo',
    ],
    [
      'DTD entities are never expanded',
      `<!DOCTYPE rss [<!ENTITY e "EXPANDED">]>${rss('<item><title>&e;</title></item>')}`,
      (f) => f.entries[0]?.title,
      '&e;',
    ],
    [
      '<link href> in RSS',
      rss('<item><link href="https://x.example/h"/></item>'),
      (f) => f.entries[0]?.link,
      'https://x.example/h',
    ],
    [
      'guid isPermaLink serves as link',
      rss('<item><guid>https://x.example/p</guid></item>'),
      (f) => f.entries[0]?.link,
      'https://x.example/p',
    ],
    [
      'guid isPermaLink=false is not a link',
      rss('<item><guid isPermaLink="false">https://x.example/p</guid></item>'),
      (f) => f.entries[0]?.link,
      undefined,
    ],
    ['RSS ttl', rss('', '<ttl>45</ttl>'), (f) => f.ttlMinutes, 45],
    [
      'sy:updatePeriod',
      rss(
        '',
        '<sy:updatePeriod xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">daily</sy:updatePeriod><sy:updateFrequency xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">4</sy:updateFrequency>',
      ),
      (f) => f.ttlMinutes,
      360,
    ],
  ] satisfies [
    string,
    string,
    (feed: import('../../../lib/parse/parsed-feed-detail.ts').ParsedFeedDetail) => unknown,
    unknown,
  ][])('%s', (_name, text, pick, expected) => {
    const result = parseFeed(text);
    expect(result.ok).toBe(true);
    if (result.ok) expect(pick(result.value)).toEqual(expected);
  });

  it('reads 100k-deep nesting without overflowing the stack', () => {
    const deep = `${'<x:a xmlns:x="urn:x">'.repeat(100_000)}t${'</x:a>'.repeat(100_000)}`;
    const result = parseFeed(rss(`<item><title>Deep</title><description>${deep}</description></item>`));
    expect(result.ok && result.value.entries[0]?.title).toBe('Deep');
  });

  it('keeps billion laughs harmless (no expansion, linear time)', () => {
    let dtd = '<!DOCTYPE rss [<!ENTITY lol "lol">';
    for (let i = 1; i <= 9; i++) dtd += `<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`;
    const result = parseFeed(`${dtd}]>${rss('<item><title>&lol9;</title></item>')}`);
    expect(result.ok && result.value.entries[0]?.title).toBe('&lol9;');
  });

  it.each([
    ['50k open elements then 50k stray end tags', `<rss><channel>${'<a>'.repeat(50_000)}${'</b>'.repeat(50_000)}`],
    ['50k unclosed items', `<rss><channel>${'<item><title>t'.repeat(50_000)}`],
    ['50k namespace declarations, nested', `<rss>${'<x:a xmlns:x="urn:x" xmlns:y="urn:y">'.repeat(50_000)}`],
    ['200k bare ampersands', `<rss><channel><title>${'&'.repeat(200_000)}</title></channel></rss>`],
    ['50k unterminated attributes', `<rss ${'a="'.repeat(50_000)}`],
  ])('stays fast on hostile shapes: %s', (_name, text) => {
    const started = Date.now();
    parseFeed(text);
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
