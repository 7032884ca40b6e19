import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedSource } from '../../../lib/model.ts';
import { getFeedState } from '../../../lib/store/feed-state.ts';
import { runIngestRound } from '../../../local/ingest-round.ts';
import { startDynalite } from '../../support/dynalite.ts';
import { testIngestDeps } from '../../support/pipeline.ts';

const MINUTE = 60_000;
const START = new Date('2026-11-25T08:00:00.000Z');

/** Items 15 minutes apart, the newest 5 minutes before the start: the rhythm of the 15-minute cadence. */
const RHYTHM = Array.from({ length: 6 }, (_, i) => new Date(START.getTime() - (5 + 15 * i) * MINUTE));

function rssBody(name: string, times: readonly Date[]): string {
  const items = times
    .map(
      (at) =>
        `<item><title>${name} story ${at.toISOString()}</title><link>https://${name}.example/${at.getTime()}</link><pubDate>${at.toUTCString()}</pubDate></item>`,
    )
    .join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${name}</title><link>https://${name}.example/</link><description>d</description>${items}</channel></rss>`;
}

/**
 * Polls that change nothing write nothing: three feeds on a 15-minute cadence are polled round after round through
 * the real scheduler, fetch and store (dynalite) on a clock the test moves, while a server on 127.0.0.1 records each
 * request and answers 304 to a known ETag.
 */
describe('poll slots: a feed on a cadence is polled once per slot and a 304 writes nothing', () => {
  const clock = { now: START };
  const bodies = new Map<string, string>();
  const requests: { feed: string; at: number; status: number }[] = [];
  let server: Server;
  let sources: FeedSource[];
  let dynalite: Awaited<ReturnType<typeof startDynalite>>;

  beforeAll(async () => {
    for (const name of ['alpha', 'bravo', 'charlie']) bodies.set(`/${name}.xml`, rssBody(name, RHYTHM));
    server = createServer((request, response) => {
      const body = bodies.get(request.url ?? '') ?? '';
      const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 12)}"`;
      const status = request.headers['if-none-match'] === etag ? 304 : 200;
      requests.push({ feed: request.url ?? '', at: clock.now.getTime(), status });
      response
        .writeHead(status, { etag, 'content-type': 'application/rss+xml' })
        .end(status === 200 ? body : undefined);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    sources = ['alpha', 'bravo', 'charlie'].map((name) => ({
      feedId: name,
      url: `http://127.0.0.1:${port}/${name}.xml`,
      title: name,
    }));
    dynalite = await startDynalite();
  });
  afterAll(async () => {
    await dynalite?.close();
    await new Promise((done) => server?.close(done));
  });

  const round = () => runIngestRound(sources, testIngestDeps(dynalite.db, [], clock), { seed: true });
  const pollsOf = (feed: string) => requests.filter((r) => r.feed === `/${feed}.xml`);

  it('polls every new feed at once, then puts it on the 15-minute cadence', async () => {
    const first = await round();
    expect(first.fetched).toBe(3);
    for (const source of sources) expect((await getFeedState(dynalite.db, source.feedId))?.pollEveryMinutes).toBe(15);
  });

  it('over 50 minutes of 5-minute rounds, polls each feed exactly every 15 minutes, and writes no state', async () => {
    // 50 minutes: past an hour without a new item the feed counts as quiet and slows down (next test).
    for (let step = 1; step <= 10; step++) {
      clock.now = new Date(START.getTime() + step * 5 * MINUTE);
      await round();
    }
    for (const name of ['alpha', 'bravo', 'charlie']) {
      const polls = pollsOf(name).slice(1);
      // The first poll on the cadence falls in the feed's own slot 15–25 minutes after the start, then every 15.
      const firstAfter = (polls[0]!.at - START.getTime()) / MINUTE;
      expect(firstAfter).toBeGreaterThanOrEqual(15);
      expect(firstAfter).toBeLessThan(30);
      expect(polls.map((poll) => (poll.at - polls[0]!.at) / MINUTE)).toEqual(
        [0, 15, 30].filter((offset) => firstAfter + offset <= 50),
      );
      expect(polls.every((poll) => poll.status === 304)).toBe(true);
      // The state still says what the first poll wrote: none of the 304s wrote it again.
      expect((await getFeedState(dynalite.db, name))?.lastFetchedAt).toBe(START.toISOString());
    }
  });

  it('after a long scheduler gap polls each feed once, and writes the states that changed', async () => {
    // bravo publishes one more story on its rhythm; alpha and charlie have gone quiet.
    bodies.set('/bravo.xml', rssBody('bravo', [new Date(START.getTime() + 40 * MINUTE), ...RHYTHM]));
    const before = requests.length;
    clock.now = new Date(START.getTime() + 100 * MINUTE); // the scheduler missed nine slots
    const caughtUp = await round();
    expect(
      requests
        .slice(before)
        .map((r) => r.feed)
        .sort(),
    ).toEqual(['/alpha.xml', '/bravo.xml', '/charlie.xml']);
    expect(caughtUp.newArticles).toBe(1);
    const bravo = await getFeedState(dynalite.db, 'bravo');
    expect([bravo?.lastFetchedAt, bravo?.pollEveryMinutes]).toEqual([clock.now.toISOString(), 15]);
    // Quiet for 105 minutes: a quarter of that rounds up to the 30-minute cadence, and that change is written.
    const alpha = await getFeedState(dynalite.db, 'alpha');
    expect([alpha?.lastFetchedAt, alpha?.pollEveryMinutes]).toEqual([clock.now.toISOString(), 30]);
  });
});
