import { resolve } from 'node:path';
import { parseFeed as parseWithFeedsmith } from 'feedsmith';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDepsFor } from '../../../lambdas/serve-deps.ts';
import type { FeedSource } from '../../../lib/model.ts';
import { startDemoFeedServer } from '../../../local/demo/demo-feed-server.ts';
import { demoSources } from '../../../local/demo/feeds.ts';
import { runIngestRound } from '../../../local/ingest-round.ts';
import { startServer } from '../../../local/server.ts';
import { startDynalite } from '../../support/dynalite.ts';
import { loadTestTopics, testIngestDeps } from '../../support/pipeline.ts';

/**
 * The walking skeleton end to end: our own demo feeds served over HTTP on 127.0.0.1 (RSS 2.0, Atom, JSON Feed,
 * RSS 1.0), ingested twice through the real fetch, parse, dedupe, topic and store code into dynalite, and read back
 * through the real API server in all three output formats by an independent parser.
 */
describe('pipeline: fixture feeds → dynalite → topic feeds', () => {
  const { topics, matchers } = loadTestTopics('tests/fixtures/pipeline/topics.yaml');
  const clock = { now: new Date() };
  let dynalite: Awaited<ReturnType<typeof startDynalite>>;
  let feedServer: Awaited<ReturnType<typeof startDemoFeedServer>>;
  let api: Awaited<ReturnType<typeof startServer>>;
  let sources: FeedSource[];

  beforeAll(async () => {
    dynalite = await startDynalite();
    feedServer = await startDemoFeedServer(resolve('local/demo/feeds'), clock.now);
    sources = demoSources(feedServer.feeds);
    api = await startServer({
      host: '127.0.0.1',
      port: 0,
      deps: serveDepsFor({ db: dynalite.db, topics, feeds: sources }),
    });
  });
  afterAll(async () => {
    await api?.close();
    await feedServer?.close();
    await dynalite?.close();
  });

  // One entry per story. Two outlets carried the CATL story under different headlines: whichever feed is read
  // first gives the folded article its headline, so either is right, but never both.
  const expectedStories = [
    ['Alibaba Cloud opens third data centre in Malaysia as AI demand grows'],
    [
      'CATL and Indonesian state miner agree nickel-to-battery plant in North Maluku',
      'CATL, Indonesian miner seal nickel battery plant deal in North Maluku',
    ],
    ['Huawei to build 5G core network for Thai state operator under new cloud deal'],
    ['Indonesia grants TikTok Shop e-commerce licence after Tokopedia merger review'],
    ['Singapore regulator orders TikTok to remove scam ads within 24 hours'],
  ];
  const storiesOf = (titles: readonly (string | undefined)[]) =>
    titles.map((title) => expectedStories.findIndex((story) => story.includes(title ?? ''))).sort();

  it('first run stores every story once and fills the topic with exactly the matching stories', async () => {
    const round = await runIngestRound(sources, testIngestDeps(dynalite.db, matchers, clock), { seed: true });
    expect(round.failed, JSON.stringify(round.reports)).toBe(0);
    expect(round.fetched).toBe(4);
    const feed = (await (await fetch(`${api.url}/topics/vendors-in-sea.json`)).json()) as {
      items: { title: string; date_published: string; _wirefold: { also_reported_by: { title: string }[] } }[];
    };
    expect(storiesOf(feed.items.map((i) => i.title))).toEqual([0, 1, 2, 3, 4]);
    const dates = feed.items.map((i) => i.date_published);
    expect(dates).toEqual([...dates].sort().reverse()); // newest first
    const huawei = feed.items.find((i) => i.title.startsWith('Huawei'))!;
    // The Straits Ledger carried the same wire story under a tracking-parameter URL: folded, and credited.
    expect(huawei._wirefold.also_reported_by.map((s) => s.title)).toEqual(['The Straits Ledger']);
  });

  it('a second run adds nothing and the feeds stay byte-identical', async () => {
    const before = await Promise.all(
      ['rss', 'atom', 'json'].map((f) => fetch(`${api.url}/topics/vendors-in-sea.${f}`).then((r) => r.text())),
    );
    clock.now = new Date(clock.now.getTime() + 2 * 86_400_000); // every feed is due again
    const round = await runIngestRound(sources, testIngestDeps(dynalite.db, matchers, clock), { seed: true });
    expect(round.notModified + round.fetched).toBe(4);
    expect(round.notModified).toBe(4); // the demo server honours If-None-Match
    expect(round.newArticles + round.foldedArticles).toBe(0);
    const after = await Promise.all(
      ['rss', 'atom', 'json'].map((f) => fetch(`${api.url}/topics/vendors-in-sea.${f}`).then((r) => r.text())),
    );
    expect(after).toEqual(before);
  });

  it.each(['rss', 'atom', 'json'] as const)(
    'the %s topic feed parses back with feedsmith to the same items',
    async (format) => {
      const response = await fetch(`${api.url}/topics/vendors-in-sea.${format}`);
      expect(response.status).toBe(200);
      const parsed = parseWithFeedsmith(await response.text());
      const expectedFormat = { rss: 'rss', atom: 'atom', json: 'json' }[format];
      expect(parsed.format).toBe(expectedFormat);
      const items = (
        'items' in parsed.feed ? parsed.feed.items : 'entries' in parsed.feed ? parsed.feed.entries : []
      ) as {
        title?: string | { value?: string };
      }[];
      const titles = items.map((item) => (typeof item.title === 'object' ? item.title?.value : item.title));
      expect(storiesOf(titles)).toEqual([0, 1, 2, 3, 4]);
    },
  );
});
