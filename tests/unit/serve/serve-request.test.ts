import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { err, ok } from '../../../lib/result.ts';
import { createResponseCache } from '../../../lib/serve/response-cache.ts';
import { type ApiRequest, type ServeDeps, serveRequest } from '../../../lib/serve.ts';
import { storeEntry } from '../../../lib/store/articles.ts';
import {
  FIXTURE_FEEDS,
  FIXTURE_NOW,
  FIXTURE_TOPICS,
  fixtureEntry,
  keywordMatchers,
  seedStore,
} from '../../fixtures/render/seed-store.ts';
import { startDynalite } from '../../support/dynalite.ts';

/** serveRequest over a real (in-process dynalite) store with fixture stories: routes, HTTP semantics, errors. */

let store: Awaited<ReturnType<typeof startDynalite>>;
let deps: ServeDeps;

const get = (target: string, headers: Record<string, string> = {}, method = 'GET') => {
  const [path, rawQuery = ''] = target.split('?') as [string, string?];
  const request: ApiRequest = { method, path, rawQuery, headers: { host: 'feeds.test', ...headers } };
  return serveRequest(request, deps);
};
const text = (body: Uint8Array | undefined) => Buffer.from(body ?? new Uint8Array()).toString('utf8');

beforeAll(async () => {
  store = await startDynalite();
  await seedStore(store.db, 24, keywordMatchers());
  deps = {
    db: store.db,
    topics: FIXTURE_TOPICS,
    feeds: FIXTURE_FEEDS,
    now: () => new Date(FIXTURE_NOW),
    // A tiny stand-in for lib/topics' compiler: enough to exercise the route's success and error paths.
    compileAdHocQuery: (q) =>
      q.startsWith('(')
        ? err({ message: 'unclosed parenthesis', position: 0, line: 1, column: 1 })
        : ok((article) =>
            article.title.toLowerCase().includes(q.toLowerCase()) ? [`title contains "${q}"`] : undefined,
          ),
  };
}, 60_000);
afterAll(() => store?.close());

describe('routes and content types', () => {
  it.each([
    ['/', 'text/html; charset=utf-8'],
    ['/topics', 'application/json; charset=utf-8'],
    ['/topics.opml', 'text/x-opml; charset=utf-8'],
    ['/topics/china-sea-tech.rss', 'application/rss+xml; charset=utf-8'],
    ['/topics/china-sea-tech.atom', 'application/atom+xml; charset=utf-8'],
    ['/topics/china-sea-tech.json', 'application/feed+json; charset=utf-8'],
    ['/feeds/all.rss?q=huawei', 'application/rss+xml; charset=utf-8'],
    ['/sources', 'application/json; charset=utf-8'],
    ['/healthz', 'application/json; charset=utf-8'],
  ])('%s → %s', async (target, contentType) => {
    const response = await get(target);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(contentType);
    expect(Number(response.headers['content-length'])).toBe(response.body?.length);
  });

  it('self links use the request host when no public base URL is configured', async () => {
    const body = text((await get('/topics/chips.atom?limit=3')).body);
    expect(body).toContain(
      '<link rel="self" type="application/atom+xml" href="http://feeds.test/topics/chips.atom?limit=3"/>',
    );
  });

  it('ad-hoc queries filter the day stream and explain the match', async () => {
    const feed = JSON.parse(text((await get('/feeds/all.json?q=huawei')).body));
    expect(feed.items.length).toBeGreaterThan(0);
    for (const item of feed.items) {
      expect(item.title.toLowerCase()).toContain('huawei');
      expect(item._wirefold.why).toEqual(['title contains "huawei"']);
    }
  });

  it('sources report health from feed states', async () => {
    const { sources } = JSON.parse(text((await get('/sources')).body));
    expect(sources.map((s: { feedId: string; status: string }) => `${s.feedId}:${s.status}`)).toEqual([
      'wire-a:ok',
      'wire-b:ok',
      'wire-c:failing',
    ]);
    expect(JSON.stringify(sources)).not.toContain('recentEntryHashes');
  });
});

describe('HTTP caching semantics', () => {
  const feed = '/topics/china-sea-tech.rss';

  it('two polls give identical bytes, a strong ETag and Last-Modified from the data', async () => {
    const [first, second] = [await get(feed), await get(feed)];
    expect(text(second.body)).toBe(text(first.body));
    expect(first.headers.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(first.headers['last-modified']).toBe(new Date(FIXTURE_NOW).toUTCString());
    expect(first.headers['cache-control']).toMatch(/^public, max-age=300, stale-while-revalidate=\d+/);
    expect(first.headers.vary).toBe('Accept-Encoding');
  });

  it.each([
    ['the same ETag', (etag: string) => ({ 'if-none-match': etag }), 304],
    ['a weak form of it', (etag: string) => ({ 'if-none-match': `W/${etag}` }), 304],
    ['it in a list', (etag: string) => ({ 'if-none-match': `"other", ${etag}` }), 304],
    ['its gzip variant', (etag: string) => ({ 'if-none-match': etag.replace(/"$/, '-gzip"') }), 304],
    ['*', () => ({ 'if-none-match': '*' }), 304],
    ['another ETag', () => ({ 'if-none-match': '"nope"' }), 200],
    [
      'If-Modified-Since equal to Last-Modified',
      () => ({ 'if-modified-since': new Date(FIXTURE_NOW).toUTCString() }),
      304,
    ],
    ['If-Modified-Since before it', () => ({ 'if-modified-since': 'Thu, 19 Nov 2026 00:00:00 GMT' }), 200],
    [
      'a stale ETag even with a later If-Modified-Since (If-None-Match wins)',
      () => ({ 'if-none-match': '"nope"', 'if-modified-since': 'Fri, 01 Jan 2027 00:00:00 GMT' }),
      200,
    ],
  ])('conditional GET with %s', async (_name, headersFor, status) => {
    const { etag } = (await get(feed)).headers;
    const response = await get(feed, headersFor(etag!));
    expect(response.status).toBe(status);
    if (status === 304) {
      expect(response.body).toBeUndefined();
      expect(response.headers.etag).toBe(etag);
      expect(response.headers['content-type']).toBeUndefined();
    }
  });

  it.each([
    ['gzip', 'gzip', gunzipSync],
    ['br', 'br, gzip', brotliDecompressSync],
    ['br', 'gzip;q=0.5, br;q=1', brotliDecompressSync],
    ['gzip', 'gzip, br;q=0', gunzipSync],
  ])('compresses with %s for Accept-Encoding %j', async (coding, acceptEncoding, decompress) => {
    const plain = await get(feed);
    const response = await get(feed, { 'accept-encoding': acceptEncoding });
    expect(response.headers['content-encoding']).toBe(coding);
    expect(decompress(Buffer.from(response.body!)).toString('utf8')).toBe(text(plain.body));
    expect(response.headers.etag).toBe(plain.headers.etag!.replace(/"$/, `-${coding}"`));
    expect(response.body!.length).toBeLessThan(plain.body!.length / 2);
  });

  it('HEAD has the headers of GET and no body', async () => {
    const [getResponse, head] = [await get(feed), await get(feed, {}, 'HEAD')];
    expect(head.status).toBe(200);
    expect(head.body).toBeUndefined();
    expect(head.headers).toEqual(getResponse.headers);
  });

  it('CORS: GET is readable from any origin, preflight allows the conditional headers', async () => {
    const response = await get(feed, { origin: 'https://app.example' });
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['access-control-expose-headers']).toContain('ETag');
    const preflight = await get(
      feed,
      { 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' },
      'OPTIONS',
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, HEAD, OPTIONS');
    expect(preflight.headers['access-control-allow-headers']).toBe('if-none-match');
  });
});

describe('errors are RFC 9457 problem details', () => {
  it.each([
    ['/topics/no-such-topic.rss', 'GET', 404, 'not-found'],
    ['/topics/china-sea-tech.xml', 'GET', 404, 'not-found'],
    ['/topics/china-sea-tech', 'GET', 404, 'not-found'],
    ['/feeds/other.rss', 'GET', 404, 'not-found'],
    ['/wp-admin', 'GET', 404, 'not-found'],
    ['/topics/chips.rss?limit=0', 'GET', 400, 'bad-parameter'],
    ['/topics/chips.rss?limit=201', 'GET', 400, 'bad-parameter'],
    ['/topics/chips.rss?limit=ten', 'GET', 400, 'bad-parameter'],
    ['/topics/chips.rss?limit=5&limit=6', 'GET', 400, 'bad-parameter'],
    ['/topics/chips.rss?cursor=not*base64', 'GET', 400, 'bad-parameter'],
    [
      `/topics/chips.rss?cursor=${Buffer.from('{"pk":"TOPIC#other","sk":"x"}').toString('base64url')}`,
      'GET',
      400,
      'bad-parameter',
    ],
    ['/feeds/all.json?q=(unclosed', 'GET', 400, 'bad-query'],
    [`/feeds/all.json?q=${'x'.repeat(501)}`, 'GET', 400, 'bad-parameter'],
    ['/topics/chips.rss', 'POST', 405, 'method-not-allowed'],
    ['/topics/chips.rss', 'DELETE', 405, 'method-not-allowed'],
    [`/topics/chips.rss?pad=${'a'.repeat(2100)}`, 'GET', 414, 'uri-too-long'],
  ])('%s (%s) → %i %s', async (target, method, status, kind) => {
    const response = await get(target, {}, method);
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    const body = JSON.parse(text(response.body));
    expect(body).toMatchObject({ type: `https://wirefold.dev/problems/${kind}`, status });
    expect(typeof body.title).toBe('string');
    expect(body.detail.length).toBeGreaterThan(5);
    if (status === 405) expect(response.headers.allow).toBe('GET, HEAD, OPTIONS');
    if (kind === 'bad-query') expect(body).toMatchObject({ position: 0, line: 1, column: 1 });
  });

  it('ad-hoc queries answer 501 where no query compiler is wired', async () => {
    const response = await serveRequest(
      { method: 'GET', path: '/feeds/all.rss', rawQuery: 'q=x', headers: {} },
      { ...deps, compileAdHocQuery: undefined },
    );
    expect(response.status).toBe(501);
  });
});

describe('paging', () => {
  const ids = (body: Uint8Array | undefined) =>
    JSON.parse(text(body)).items.map((i: { id: string }) => i.id) as string[];
  const nextOf = (body: Uint8Array | undefined) => JSON.parse(text(body)).next_url as string | undefined;

  it('cursor pages cover the topic without overlap and stay stable when newer stories arrive', async () => {
    const all = ids((await get('/topics/china-sea-tech.json?limit=200')).body);
    const first = await get('/topics/china-sea-tech.json?limit=4');
    const next = nextOf(first.body)!;
    expect(next).toMatch(/^http:\/\/feeds\.test\/topics\/china-sea-tech\.json\?limit=4&cursor=/);
    expect(first.headers.link).toBe(`<${next}>; rel="next"`);
    const secondBefore = await get(next.replace('http://feeds.test', ''));

    // A newer story arrives in the topic.
    const [a] = FIXTURE_FEEDS;
    const newer = {
      ...fixtureEntry(0, Date.parse(FIXTURE_NOW)),
      entryKey: 'late-huawei',
      url: 'https://news.example.com/late',
      // A distinct story (not a near-duplicate that dedupe would fold into an existing article).
      title: 'Huawei late edition: Hanoi regulator publishes spectrum auction calendar',
      summaryHtml: '<p>Regulator timetable for the auction.</p>',
    };
    await storeEntry(store.db, {
      source: a!,
      entry: newer,
      now: FIXTURE_NOW,
      topics: keywordMatchers(),
      articleRetentionDays: 3650,
    });

    const secondAfter = await get(next.replace('http://feeds.test', ''));
    expect(ids(secondAfter.body)).toEqual(ids(secondBefore.body));
    expect(secondAfter.headers.etag).toBe(secondBefore.headers.etag);
    expect([...ids(first.body), ...ids(secondBefore.body)]).toEqual(all.slice(0, 8));
    expect(ids((await get('/topics/china-sea-tech.json?limit=200')).body)).toHaveLength(all.length + 1);
  });
});

describe('response cache', () => {
  it('serves the cached representation until its TTL, then reloads', async () => {
    let nowMs = 0;
    const cached = { ...deps, cache: createResponseCache({ ttlMs: 1000, nowMs: () => nowMs }) };
    const request = { method: 'GET', path: '/topics/chips.json', rawQuery: '', headers: {} };
    const first = await serveRequest(request, cached);
    const [a] = FIXTURE_FEEDS;
    const entry = {
      ...fixtureEntry(1, Date.parse(FIXTURE_NOW)),
      entryKey: 'late-chip',
      url: 'https://news.example.com/late-chip',
      title: 'Chip packaging line relocates from Penang to Johor in surprise move',
      summaryHtml: '<p>Relocation details.</p>',
    };
    await storeEntry(store.db, {
      source: a!,
      entry,
      now: FIXTURE_NOW,
      topics: keywordMatchers(),
      articleRetentionDays: 3650,
    });
    nowMs = 999;
    expect((await serveRequest(request, cached)).headers.etag).toBe(first.headers.etag);
    nowMs = 1000;
    expect((await serveRequest(request, cached)).headers.etag).not.toBe(first.headers.etag);
  });
});
