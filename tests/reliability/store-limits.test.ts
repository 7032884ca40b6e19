import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotTable } from '../../bench/stress/table-snapshot.ts';
import type { FeedReport } from '../../lib/ingest/feed-report.ts';
import type { FeedSource } from '../../lib/model.ts';
import { runIngestRound } from '../../local/ingest-round.ts';
import { startDynalite } from '../support/dynalite.ts';
import { type HostileServer, startHostileServer } from '../support/hostile-server.ts';
import { loadTestTopics, testIngestDeps } from '../support/pipeline.ts';

/**
 * Input the parser reads leniently but the store or the data model cannot take as is. A DynamoDB item is at most
 * 400 KB; a long-form article (or 100k-deep markup) in one entry is bigger. Such an entry must not make the whole
 * feed throw forever (SQS would retry it into the DLQ, and the feed state, written last, would never advance), and
 * a truncated document must not leave ghost articles behind.
 */
const RSS = { 'content-type': 'application/rss+xml; charset=utf-8' };
const item = (slug: string, extra = '') =>
  `<item><title>Story ${slug}</title><link>https://big.example/${slug}</link><guid>${slug}</guid>` +
  `<pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate>${extra}</item>`;
const rss = (items: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title><link>https://big.example/</link>` +
  `<description>d</description>${items}</channel></rss>`;
const longForm = `<content:encoded><![CDATA[${'<p>A long paragraph of a long-form report. </p>'.repeat(12_000)}]]></content:encoded>`;
const deepMarkup = `<description>${'&lt;div&gt;'.repeat(100_000)}</description>`;

let truncatedVersion = 1;
const ROUTES = {
  '/long-form.xml': (_req: unknown, res: import('node:http').ServerResponse) =>
    void res
      .writeHead(200, RSS)
      .end(
        rss(item('before') + item('long', longForm).replace('<rss', '<rss') + item('after')).replace(
          '<rss version="2.0">',
          '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
        ),
      ),
  '/deep-markup.xml': (_req: unknown, res: import('node:http').ServerResponse) =>
    void res.writeHead(200, RSS).end(rss(item('deep-before') + item('deep', deepMarkup))),
  // Round 1: the document is cut inside the second item (Content-Length matches, so it looks complete).
  '/truncated.xml': (_req: unknown, res: import('node:http').ServerResponse) => {
    const full = rss(item('t1') + item('t2'));
    const body = truncatedVersion === 1 ? full.slice(0, full.indexOf('<link>https://big.example/t2')) : full;
    res.writeHead(200, RSS).end(body);
  },
  '/healthy.xml': (_req: unknown, res: import('node:http').ServerResponse) =>
    void res.writeHead(200, RSS).end(rss(item('healthy-1') + item('healthy-2'))),
};

const { matchers } = loadTestTopics('tests/fixtures/pipeline/topics.yaml');
let server: HostileServer;
let dynalite: Awaited<ReturnType<typeof startDynalite>>;
const source = (path: string): FeedSource => ({
  feedId: `limits${path.replace(/\W+/g, '-')}`,
  url: `${server.origin}${path}`,
  title: path,
});

beforeAll(async () => {
  server = await startHostileServer(ROUTES);
  dynalite = await startDynalite();
});
afterAll(async () => {
  await server?.close();
  await dynalite?.close();
});

async function ingest(paths: string[], clock: { now: Date }): Promise<FeedReport[]> {
  const round = await runIngestRound(paths.map(source), testIngestDeps(dynalite.db, matchers, clock), {
    seed: true,
    concurrency: 2,
  });
  return [...round.reports];
}

describe('entries larger than a DynamoDB item', () => {
  it.each([
    ['a 550 KB long-form article', '/long-form.xml', ['Story before', 'Story after']],
    ['100k-deep markup in a description', '/deep-markup.xml', ['Story deep-before']],
  ])('%s: the feed completes, its other entries and the other feeds are stored', async (_name, path, expected) => {
    const clock = { now: new Date('2026-11-25T08:00:00Z') };
    let reports: FeedReport[] = [];
    let thrown: unknown;
    try {
      reports = await ingest([path, '/healthy.xml'], clock);
    } catch (error) {
      thrown = error;
    }
    expect(thrown, `the round threw: ${String(thrown)}`).toBeUndefined();
    expect(reports.find((r) => r.url.endsWith(path))?.ok).toBeDefined();
    const titles = [...(await snapshotTable(dynalite.db)).articles.values()].map((a) => a.title);
    expect(titles).toEqual(expect.arrayContaining([...expected, 'Story healthy-1', 'Story healthy-2']));
  });
});

describe('a truncated document (Content-Length honest, XML cut mid-item)', () => {
  it('is refused as malformed, or at least leaves no ghost article once the full document arrives', async () => {
    const clock = { now: new Date('2026-11-25T08:00:00Z') };
    truncatedVersion = 1;
    const [first] = await ingest(['/truncated.xml'], clock);
    truncatedVersion = 2;
    clock.now = new Date('2026-11-27T08:00:00Z');
    await ingest(['/truncated.xml'], clock);
    const mine = [...(await snapshotTable(dynalite.db)).articles.values()].filter((a) =>
      a.sources.some((s) => s.feedId === source('/truncated.xml').feedId),
    );
    const t2 = mine.filter((a) => a.title === 'Story t2');
    // Either the cut document was refused (typed parse error), or its half item became the same article later.
    if (first?.ok) expect(t2.map((a) => a.url)).toEqual(['https://big.example/t2']);
    else expect(first?.error?.stage).toBe('parse');
    expect(t2).toHaveLength(1);
  });
});
