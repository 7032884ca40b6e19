import { describe, expect, it } from 'vitest';
import { parseCacheMaxAgeS, parseRetryAfterS } from '../../../lib/fetch/cache-headers.ts';

const NOW = Date.parse('2026-11-25T12:00:00Z');

describe('parseCacheMaxAgeS', () => {
  it.each([
    [{ 'cache-control': 'max-age=600' }, 600],
    [{ 'cache-control': 'public, max-age=3600, must-revalidate' }, 3600],
    [{ 'cache-control': 'MAX-AGE="120"' }, 120],
    [{ 'cache-control': 's-maxage=999' }, undefined],
    [{ 'cache-control': 'no-cache, max-age=600' }, undefined],
    [{ 'cache-control': 'no-store' }, undefined],
    [{ expires: 'Wed, 25 Nov 2026 12:30:00 GMT', date: 'Wed, 25 Nov 2026 12:00:00 GMT' }, 1800],
    [{ expires: '0', date: 'Wed, 25 Nov 2026 12:00:00 GMT' }, undefined],
    [
      {
        'cache-control': 'max-age=60',
        expires: 'Wed, 25 Nov 2026 13:00:00 GMT',
        date: 'Wed, 25 Nov 2026 12:00:00 GMT',
      },
      60,
    ],
    [{}, undefined],
  ])('%o → %s', (headers, expected) => {
    expect(parseCacheMaxAgeS(headers)).toBe(expected);
  });
});

describe('parseRetryAfterS', () => {
  it.each([
    [{ 'retry-after': '120' }, 120],
    [{ 'retry-after': ' 0 ' }, 0],
    [{ 'retry-after': 'Wed, 25 Nov 2026 12:05:00 GMT' }, 300],
    // Measured against the server's Date, not our clock: the server is 10 minutes behind us here.
    [{ 'retry-after': 'Wed, 25 Nov 2026 11:52:00 GMT', date: 'Wed, 25 Nov 2026 11:50:00 GMT' }, 120],
    [{ 'retry-after': 'Wed, 25 Nov 2026 11:00:00 GMT' }, 0],
    [{ 'retry-after': 'soon' }, undefined],
    [{ 'retry-after': '-5' }, undefined],
    [{}, undefined],
  ])('%o → %s', (headers, expected) => {
    expect(parseRetryAfterS(headers, NOW)).toBe(expected);
  });
});
