import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FetchError, type FetchOptions, fetchFeed } from '../../../lib/fetch/fetch-feed.ts';
import { type HostileServer, startHostileServer } from '../../support/hostile-server.ts';

const MiB = 1024 * 1024;
const timeoutMs = 1500;
const options: Partial<FetchOptions> = { timeoutMs, maxBytes: MiB, allowPrivateHosts: ['127.0.0.1'] };

let server: HostileServer;
beforeAll(async () => {
  server = await startHostileServer();
});
afterAll(() => server.close());

async function timed(path: string): Promise<{ error: FetchError; elapsedMs: number }> {
  const started = performance.now();
  const result = await fetchFeed({ url: `${server.origin}${path}` }, options);
  const elapsedMs = performance.now() - started;
  if (result.ok) throw new Error(`expected an error from ${path}, got ${result.value.kind}`);
  return { error: result.error, elapsedMs };
}

// Concurrent: each of these waits out the time cap, and they are independent.
describe.concurrent('time cap: one budget for headers and body', () => {
  it.each(['/hang', '/hang-before-headers', '/trickle'])('%s → timeout within the budget', async (path) => {
    const { error, elapsedMs } = await timed(path);
    expect(error).toMatchObject({ kind: 'timeout', timeoutMs });
    expect(elapsedMs).toBeGreaterThanOrEqual(timeoutMs - 50);
    // Generous upper bound: the machine may be busy; without the cap these would run for 2 GB or forever.
    expect(elapsedMs).toBeLessThan(timeoutMs * 3);
  });

  it('says whether the body had started', async () => {
    const [trickle, silent] = await Promise.all([timed('/trickle'), timed('/hang-before-headers')]);
    expect(trickle.error.message).toMatch(/while reading the body/);
    expect(silent.error.message).toMatch(/before the response headers/);
  });
});

describe('size cap: bytes after decompression, enforced while streaming', () => {
  it.each([
    ['/huge', 'a 2 GiB chunked body'],
    ['/huge-declared', 'a 2 GiB Content-Length (refused before reading)'],
    ['/bomb?enc=gzip', 'an endless gzip stream'],
    ['/bomb?enc=deflate', 'an endless deflate stream'],
    ['/bomb?enc=br', 'an endless brotli stream'],
  ])('%s (%s) → too-large, quickly and without buffering it', async (path) => {
    const heapBefore = process.memoryUsage().arrayBuffers;
    const { error, elapsedMs } = await timed(path);
    expect(error).toMatchObject({ kind: 'too-large', maxBytes: MiB });
    expect(elapsedMs).toBeLessThan(timeoutMs); // had the cap failed, the time cap would have ended it instead
    // Anything near the full body would be hundreds of MiB; the cap lets through about one MiB plus a chunk.
    expect(process.memoryUsage().arrayBuffers - heapBefore).toBeLessThan(64 * MiB);
  });

  it('accepts a compressed body that decompresses to just under the cap', async () => {
    const result = await fetchFeed({ url: `${server.origin}/feed.xml?enc=gzip` }, { ...options, maxBytes: 2048 });
    expect(result.ok).toBe(true);
    const tooSmall = await fetchFeed({ url: `${server.origin}/feed.xml?enc=gzip` }, { ...options, maxBytes: 100 });
    expect(!tooSmall.ok && tooSmall.error.kind).toBe('too-large');
  });
});
