import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FetchError, type FetchOptions, fetchFeed } from '../../../lib/fetch/fetch-feed.ts';
import {
  type HostileServer,
  SAMPLE_ETAG,
  SAMPLE_FEED,
  SAMPLE_LAST_MODIFIED,
  startHostileServer,
} from '../../support/hostile-server.ts';
import { recordConnectionAttempts } from './connection-attempts.ts';

// Small caps keep the suite fast; the defaults (30 s, 16 MiB) are the same code path with bigger numbers.
const MiB = 1024 * 1024;
const options: Partial<FetchOptions> = { timeoutMs: 1500, maxBytes: MiB, allowPrivateHosts: ['127.0.0.1'] };

let server: HostileServer;
const attempts = recordConnectionAttempts();
beforeAll(async () => {
  server = await startHostileServer();
});
afterAll(async () => {
  await server.close();
  attempts.stop();
  // The whole suite, guard on, never opened a socket to anything but loopback (where the hostile server lives).
  expect(attempts.addresses.filter((a) => a !== '127.0.0.1' && a !== '::1')).toEqual([]);
});

const get = (path: string, extra: Partial<FetchOptions> = {}, validators = {}) =>
  fetchFeed({ url: `${server.origin}${path}`, ...validators }, { ...options, ...extra });

async function expectError(path: string, kind: FetchError['kind'], extra: Partial<FetchOptions> = {}) {
  const result = await get(path, extra);
  if (result.ok) throw new Error(`expected ${kind}, got ${result.value.kind}`);
  expect(result.error.kind).toBe(kind);
  expect(result.error.message.length).toBeGreaterThan(0);
  return result.error;
}

describe('fetchFeed against a well-behaved endpoint', () => {
  it('fetches and decodes the feed, keeping validators and max-age, and announces itself politely', async () => {
    const result = await get('/feed.xml');
    expect(result).toEqual({
      ok: true,
      value: {
        kind: 'fetched',
        status: 200,
        finalUrl: `${server.origin}/feed.xml`,
        text: SAMPLE_FEED,
        contentType: 'application/rss+xml; charset=utf-8',
        etag: SAMPLE_ETAG,
        lastModified: SAMPLE_LAST_MODIFIED,
        cacheMaxAgeS: 900,
        bytes: Buffer.byteLength(SAMPLE_FEED),
        charset: 'utf-8',
      },
    });
    const sent = server.requests.at(-1)!.headers;
    expect(sent['user-agent']).toMatch(/^wirefold\/[\d.]+ \(\+https:\/\/github\.com\/wirefold\/wirefold\)$/);
    expect(sent['accept-encoding']).toBe('gzip, deflate, br');
    expect(sent.accept).toMatch(/^application\/rss\+xml, application\/atom\+xml, application\/feed\+json/);
  });

  it.each(['gzip', 'deflate', 'deflate-raw', 'br'])('decompresses %s', async (encoding) => {
    const result = await get(`/feed.xml?enc=${encoding}`);
    expect(result.ok && result.value.kind === 'fetched' && result.value.text).toBe(SAMPLE_FEED);
  });

  it.each([
    ['a matching ETag', { etag: SAMPLE_ETAG }],
    ['a Last-Modified date', { lastModified: SAMPLE_LAST_MODIFIED }],
  ])('answers not-modified for %s and sends the validator', async (_name, validators) => {
    const result = await get('/feed.xml', {}, validators);
    expect(result).toEqual({
      ok: true,
      value: {
        kind: 'not-modified',
        finalUrl: `${server.origin}/feed.xml`,
        etag: SAMPLE_ETAG,
        lastModified: SAMPLE_LAST_MODIFIED,
        cacheMaxAgeS: 900,
      },
    });
    const sent = server.requests.at(-1)!.headers;
    expect(sent['if-none-match'] ?? sent['if-modified-since']).toBe(Object.values(validators)[0]);
  });

  it('fetches in full when the stored ETag is stale', async () => {
    const result = await get('/feed.xml', {}, { etag: '"old"' });
    expect(result.ok && result.value.kind).toBe('fetched');
  });
});

describe('fetchFeed redirects', () => {
  it.each<[string, string | undefined, string]>([
    ['/moved', `/feed.xml`, '301 then 308: the final URL is the new permanent home'],
    ['/moved-then-temp', `/temp`, 'a 302 after a 301: only the permanent part is stored'],
    ['/temp', undefined, 'a 302 is followed without updating'],
    ['/temp-then-moved', undefined, 'a 301 after a 307 does not move the stored URL'],
  ])('%s → movedPermanentlyTo %s (%s)', async (path, moved) => {
    const result = await get(path);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.kind).toBe('fetched');
    expect(result.value.finalUrl).toBe(`${server.origin}/feed.xml`);
    expect(result.value.movedPermanentlyTo).toBe(moved && `${server.origin}${moved}`);
  });

  it('reports the permanent move on a 304 too', async () => {
    const result = await get('/moved', {}, { etag: SAMPLE_ETAG });
    expect(result.ok && result.value).toMatchObject({
      kind: 'not-modified',
      movedPermanentlyTo: `${server.origin}/feed.xml`,
    });
  });

  it('follows exactly maxRedirects hops and refuses one more', async () => {
    expect((await get('/chain?n=5')).ok).toBe(true);
    const error = await expectError('/chain?n=6', 'too-many-redirects');
    expect(error).toMatchObject({ maxRedirects: 5 });
  });

  it.each([
    ['/loop-a', 'redirect-loop'],
    ['/no-location', 'bad-redirect'],
    ['/to-file', 'invalid-url'],
  ] as const)('%s → %s', async (path, kind) => {
    await expectError(path, kind);
  });
});

describe('fetchFeed network failures', () => {
  it('reports a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const result = await fetchFeed({ url: `http://127.0.0.1:${port}/feed.xml` }, options);
    expect(!result.ok && result.error).toMatchObject({ kind: 'network', code: 'ECONNREFUSED' });
  });

  it('reports a TLS handshake failure (https to a plain-HTTP server) on one line', async () => {
    const result = await fetchFeed({ url: `https://127.0.0.1:${server.port}/feed.xml` }, options);
    expect(!result.ok && result.error).toMatchObject({ kind: 'network', code: 'EPROTO' });
    expect(!result.ok && result.error.message).toMatch(/^TLS handshake failed: [^\n]+$/);
  });
});

describe('fetchFeed status codes', () => {
  it.each([
    ['/rate-limited', { kind: 'rate-limited', status: 429, retryAfterS: 120 }],
    ['/rate-limited-date', { kind: 'rate-limited', status: 429, retryAfterS: 90 }],
    ['/unavailable', { kind: 'rate-limited', status: 503, retryAfterS: 30 }],
    ['/unavailable-bare', { kind: 'http-status', status: 503 }],
    ['/error', { kind: 'http-status', status: 500 }],
    ['/gone', { kind: 'gone', status: 410 }],
    ['/nowhere', { kind: 'http-status', status: 404 }],
  ] as const)('%s → %o', async (path, expected) => {
    const error = await expectError(path, expected.kind);
    expect(error).toMatchObject(expected);
  });
});

describe('fetchFeed content problems', () => {
  it('prefers the prolog charset when the header claims UTF-8 but the bytes are windows-1252', async () => {
    const result = await get('/wrong-charset');
    if (!result.ok || result.value.kind !== 'fetched') throw new Error('expected fetched');
    expect(result.value.text).toContain('<title>Café “q” – 5 €</title>');
    expect(result.value.charset).toBe('windows-1252');
    expect(result.value.charsetNote).toMatch(/header says utf-8/);
  });

  it('recognizes an HTML page and reports the feed it advertises', async () => {
    const error = await expectError('/html', 'not-a-feed');
    expect(error).toMatchObject({ discoveredFeedUrls: [`${server.origin}/feed.xml`] });
  });

  it('reports a body cut short of its Content-Length as truncated', async () => {
    const error = await expectError('/truncated', 'truncated');
    expect(error).toMatchObject({ receivedBytes: Buffer.byteLength(SAMPLE_FEED.slice(0, 200)), expectedBytes: 4096 });
  });

  it('reports a gzip body cut short as truncated, not as corrupt compression', async () => {
    const error = await expectError('/truncated-gzip', 'truncated');
    expect(error).toMatchObject({ expectedBytes: expect.any(Number) });
  });

  it('hands truncated XML that arrived completely to the parser (it is a parse error, not a fetch error)', async () => {
    const result = await get('/truncated-xml');
    expect(result.ok && result.value.kind === 'fetched' && result.value.text).toBe(SAMPLE_FEED.slice(0, 180));
  });

  it.each(['/corrupt-gzip', '/unknown-encoding'])('%s → decode', async (path) => {
    await expectError(path, 'decode');
  });
});
