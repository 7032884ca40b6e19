import { describe, expect, it } from 'vitest';
import { describeFetchError } from '../../../lib/fetch/describe-fetch-error.ts';
import type { FetchError } from '../../../lib/fetch/fetch-error.ts';

const url = 'https://feeds.example/rss';

describe('describeFetchError', () => {
  it.each<[FetchError, string]>([
    [
      { kind: 'invalid-url', message: 'feed URL uses unsupported scheme ftp:', url },
      'Invalid feed URL: feed URL uses unsupported scheme ftp:',
    ],
    [
      { kind: 'blocked-address', message: 'x', url, address: '169.254.169.254', addressClass: 'metadata' },
      `Refused: ${url} points to a metadata address (169.254.169.254)`,
    ],
    [
      { kind: 'timeout', message: 'gave up after 30000 ms before the response headers', url, timeoutMs: 30_000 },
      'Timed out after 30 s: gave up after 30000 ms before the response headers',
    ],
    [
      { kind: 'too-large', message: 'x', url, maxBytes: 16 * 1024 * 1024 },
      'Too large: over 16.0 MiB after decompression',
    ],
    [{ kind: 'too-many-redirects', message: 'x', url, maxRedirects: 5 }, 'Too many redirects (more than 5)'],
    [
      { kind: 'redirect-loop', message: 'redirect loop: https://a/ was already visited', url },
      'Redirect loop: redirect loop: https://a/ was already visited',
    ],
    [
      { kind: 'bad-redirect', message: '302 without a Location header', url, status: 302 },
      'Broken redirect: 302 without a Location header',
    ],
    [
      { kind: 'rate-limited', message: 'x', url, status: 429, retryAfterS: 120 },
      'Rate limited (HTTP 429); server asks to wait 120 s',
    ],
    [{ kind: 'rate-limited', message: 'x', url, status: 429 }, 'Rate limited (HTTP 429)'],
    [
      { kind: 'gone', message: 'x', url, status: 410 },
      'Gone (HTTP 410): the publisher removed this feed; polling disabled',
    ],
    [{ kind: 'http-status', message: 'HTTP 500', url, status: 500 }, `HTTP 500 from ${url}`],
    [
      {
        kind: 'truncated',
        message: 'connection closed after 200 of 4096 bytes',
        url,
        receivedBytes: 200,
        expectedBytes: 4096,
      },
      'Connection dropped mid-body: connection closed after 200 of 4096 bytes',
    ],
    [
      { kind: 'decode', message: 'unsupported Content-Encoding "zstd"', url },
      'Could not decode the body: unsupported Content-Encoding "zstd"',
    ],
    [
      { kind: 'not-a-feed', message: 'x', url, discoveredFeedUrls: ['https://feeds.example/new.xml'] },
      'Got a web page, not a feed; it links to https://feeds.example/new.xml',
    ],
    [{ kind: 'not-a-feed', message: 'x', url, discoveredFeedUrls: [] }, 'Got a web page, not a feed'],
    [
      { kind: 'network', message: 'DNS lookup failed for feeds.example', url, code: 'ENOTFOUND' },
      'Network error (ENOTFOUND): DNS lookup failed for feeds.example',
    ],
  ])('$kind → %s', (error, expected) => {
    expect(describeFetchError(error)).toBe(expected);
  });

  it('stays one bounded line whatever the server put in a message', () => {
    const line = describeFetchError({ kind: 'decode', message: `bad\r\n\tthing ${'x'.repeat(1000)}`, url });
    expect(line).not.toMatch(/[\r\n\t]/);
    expect(line.length).toBeLessThanOrEqual(300);
  });
});
