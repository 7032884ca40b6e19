import { describe, expect, it } from 'vitest';
import type { FetchOutcome } from '../../../lib/fetch/fetch-feed.ts';
import { entryVersionOf, rememberVersions } from '../../../lib/ingest/entry-version.ts';
import {
  feedStateChanged,
  initialFeedState,
  nextStateAfterFailure,
  nextStateAfterSuccess,
} from '../../../lib/ingest/next-state.ts';
import type { FeedState, NormalizedEntry } from '../../../lib/model.ts';
import { nextSlotTime } from '../../../lib/schedule/poll-slots.ts';
import { dynamoItemBytes } from '../../support/item-size.ts';

const now = new Date('2026-11-20T12:00:00.000Z');
const base: FeedState = {
  ...initialFeedState({ feedId: 'f1', url: 'https://a.example/feed', title: 'A' }, new Date('2026-11-19T00:00:00Z')),
  etag: '"old"',
  lastModified: 'Wed, 18 Nov 2026 00:00:00 GMT',
};
const fetched = (extra: Partial<Extract<FetchOutcome, { kind: 'fetched' }>> = {}): FetchOutcome => ({
  kind: 'fetched',
  status: 200,
  finalUrl: 'https://a.example/feed',
  text: '',
  bytes: 0,
  charset: 'utf-8',
  ...extra,
});
const entry = (publishedAt: string): NormalizedEntry => ({
  entryKey: `k${publishedAt}`,
  title: 't',
  publishedAt,
  authors: [],
  categories: [],
});
const minutesUntil = (state: FeedState) => (Date.parse(state.nextFetchAt) - now.getTime()) / 60_000;

describe('feed state after a poll', () => {
  it('a 200 stores the new validators, clears the last error and resets failures', () => {
    const failing = { ...base, consecutiveFailures: 3, lastError: { kind: 'fetch:timeout', message: 'x', at: 'y' } };
    const next = nextStateAfterSuccess(failing, { now, outcome: fetched({ etag: '"new"' }), entries: [] });
    expect(next).toMatchObject({ etag: '"new"', lastModified: undefined, consecutiveFailures: 0, lastStatus: 200 });
    expect(next.lastError).toBeUndefined();
  });

  it('a 304 keeps the stored validators and the entry memory', () => {
    const remembered = { ...base, recentEntryHashes: ['h1'], recentPublishedAt: ['2026-11-19T00:00:00.000Z'] };
    const next = nextStateAfterSuccess(remembered, {
      now,
      outcome: { kind: 'not-modified', finalUrl: base.url },
      entries: [],
    });
    expect(next).toMatchObject({ etag: '"old"', lastModified: base.lastModified, lastStatus: 304 });
    expect(next.recentEntryHashes).toEqual(['h1']);
    expect(next.recentPublishedAt).toEqual(['2026-11-19T00:00:00.000Z']);
  });

  it('a permanent redirect moves the stored URL; the feed id stays', () => {
    const next = nextStateAfterSuccess(base, {
      now,
      outcome: fetched({ movedPermanentlyTo: 'https://b.example/feed' }),
      entries: [],
    });
    expect(next.url).toBe('https://b.example/feed');
    expect(next.feedId).toBe('f1');
  });

  it('learns the publishing rhythm: a feed publishing hourly goes on the hourly cadence, in its own slot', () => {
    const hourly = ['09:00', '10:00', '11:00', '11:55'].map((t) => entry(`2026-11-20T${t}:00.000Z`));
    const next = nextStateAfterSuccess(base, { now, outcome: fetched(), entries: hourly });
    expect(next.pollEveryMinutes).toBe(60);
    // An hour on, plus at most a tenth of it (the spread); from then on, every hour in that slot.
    expect(minutesUntil(next)).toBeGreaterThanOrEqual(60);
    expect(minutesUntil(next)).toBeLessThanOrEqual(66);
    expect(next.nextFetchAt).toBe(nextSlotTime(next.pollPhase!, 60, new Date(now.getTime() + 3600_000)));
    const again = nextStateAfterSuccess(next, { now: new Date(next.nextFetchAt), outcome: fetched(), entries: hourly });
    expect([again.pollPhase, Date.parse(again.nextFetchAt) - Date.parse(next.nextFetchAt)]).toEqual([
      next.pollPhase,
      3600_000,
    ]);
    expect(next.pollReason).toMatch(/publishes about every/);
  });

  it('a server-sent max-age is a floor for the next poll, and the cadence rounds it up', () => {
    const next = nextStateAfterSuccess(base, { now, outcome: fetched({ cacheMaxAgeS: 3 * 3600 }), entries: [] });
    expect(minutesUntil(next)).toBeGreaterThanOrEqual(180);
    expect(next.pollEveryMinutes).toBe(180);
    const longer = nextStateAfterSuccess(base, { now, outcome: fetched({ cacheMaxAgeS: 200 * 60 }), entries: [] });
    expect(longer.pollEveryMinutes).toBe(240);
  });

  it('writes nothing after a poll that changed nothing, and everything else', () => {
    const polled = nextStateAfterSuccess(base, { now, outcome: fetched({ etag: '"v1"' }), entries: [] });
    expect(feedStateChanged(base, polled)).toBe(true); // first time on a cadence
    const later = new Date(now.getTime() + 3600_000);
    const notModified = nextStateAfterSuccess(polled, {
      now: later,
      outcome: { kind: 'not-modified', finalUrl: polled.url },
      entries: [],
    });
    expect(notModified.lastFetchedAt).not.toBe(polled.lastFetchedAt);
    expect(feedStateChanged(polled, notModified)).toBe(false);
    const sameBodyAgain = nextStateAfterSuccess(polled, {
      now: later,
      outcome: fetched({ etag: '"v1"' }),
      entries: [],
    });
    expect(feedStateChanged(polled, sameBodyAgain)).toBe(false);
    // New validators alone wait until the state is an hour old; new entries are written at once.
    const soon = new Date(now.getTime() + 30 * 60_000);
    const newValidatorSoon = nextStateAfterSuccess(polled, {
      now: soon,
      outcome: fetched({ etag: '"v2"' }),
      entries: [],
    });
    expect(feedStateChanged(polled, newValidatorSoon)).toBe(false);
    const newValidator = nextStateAfterSuccess(polled, { now: later, outcome: fetched({ etag: '"v2"' }), entries: [] });
    expect(feedStateChanged(polled, newValidator)).toBe(true);
    const newEntry = nextStateAfterSuccess(polled, {
      now: soon,
      outcome: fetched({ etag: '"v2"' }),
      entries: [entry('2026-11-20T12:10:00.000Z')],
      recentEntryHashes: ['abc'],
    });
    expect(feedStateChanged(polled, newEntry)).toBe(true);
    const failed = nextStateAfterFailure(polled, {
      now: later,
      stage: 'fetch',
      error: { kind: 'timeout', message: 'slow' },
    });
    expect(failed.pollEveryMinutes).toBeUndefined();
    expect(feedStateChanged(polled, failed)).toBe(true);
  });

  it.each([
    [1, 5],
    [2, 10],
    [4, 40],
    [12, 24 * 60],
  ])('after %i consecutive failures the next try is at least %i minutes away', (failures, minutes) => {
    const next = nextStateAfterFailure(
      { ...base, consecutiveFailures: failures - 1 },
      { now, stage: 'fetch', error: { kind: 'timeout', message: 'slow' } },
    );
    expect(next.consecutiveFailures).toBe(failures);
    expect(minutesUntil(next)).toBeGreaterThanOrEqual(minutes);
    expect(minutesUntil(next)).toBeLessThanOrEqual(24 * 60);
    expect(next.lastError).toEqual({ kind: 'fetch:timeout', message: 'slow', at: now.toISOString() });
  });

  it('Retry-After is honoured', () => {
    const next = nextStateAfterFailure(base, {
      now,
      stage: 'fetch',
      error: { kind: 'rate-limited', message: '429', retryAfterS: 7200 },
      status: 429,
    });
    expect(minutesUntil(next)).toBeGreaterThanOrEqual(120);
    expect(next.lastStatus).toBe(429);
  });

  it('410 Gone disables the feed but keeps it, with its error, for the health page', () => {
    const next = nextStateAfterFailure(base, {
      now,
      stage: 'fetch',
      error: { kind: 'gone', message: 'gone' },
      status: 410,
    });
    expect(next.disabled).toBe(true);
    expect(next.lastError?.kind).toBe('fetch:gone');
  });
});

describe('remembered entry versions', () => {
  const versions = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

  it.each([
    [10, 30, 40],
    [30, 100, 40],
    [60, 100, 70],
    [595, 100, 600],
  ])('a document of %i entries with %i remembered keeps %i, the current ones first', (now, before, kept) => {
    const remembered = rememberVersions(versions('n', now), versions('o', before));
    expect(remembered).toHaveLength(kept);
    expect(remembered.slice(0, now)).toEqual(versions('n', now));
  });

  it('keeps a typical feed state inside one 1 KB write unit', () => {
    const entries = Array.from({ length: 30 }, (_, i) =>
      entry(`2026-11-20T${String(i % 24).padStart(2, '0')}:00:00.000Z`),
    );
    let state = {
      ...base,
      title: 'The Straits Ledger — Technology',
      url: 'https://straitsledger.example/tech/feed.atom',
    };
    for (let round = 0; round < 3; round++) {
      const shifted = entries.map((e) => ({ ...e, entryKey: `${e.entryKey}-${round}` }));
      state = nextStateAfterSuccess(state, {
        now,
        outcome: fetched({
          etag: 'W/"5f2a-1732440000000"',
          lastModified: 'Tue, 24 Nov 2026 08:15:00 GMT',
          cacheMaxAgeS: 300,
        }),
        entries: shifted,
        recentEntryHashes: rememberVersions(shifted.map(entryVersionOf), state.recentEntryHashes),
      });
    }
    const item = {
      pk: `FEED#${state.feedId}`,
      sk: 'STATE',
      gsi1pk: 'DUE#3',
      gsi1sk: `${state.nextFetchAt}#${state.feedId}`,
      ...state,
    };
    expect(dynamoItemBytes(item)).toBeLessThanOrEqual(1024);
  });
});

describe('polling hints across a 304', () => {
  it('keeps the feed’s <ttl> and max-age when a 304 brings neither, so its cadence does not flip', () => {
    const fetchedState = nextStateAfterSuccess(base, {
      now,
      outcome: fetched({ etag: '"v1"', cacheMaxAgeS: 1800 }),
      entries: [],
      ttlMinutes: 360,
    });
    expect(fetchedState.pollEveryMinutes).toBe(360);
    const notModified = nextStateAfterSuccess(fetchedState, {
      now: new Date(now.getTime() + 6 * 3600_000),
      outcome: { kind: 'not-modified', finalUrl: base.url },
      entries: [],
    });
    expect([notModified.ttlMinutes, notModified.cacheMaxAgeS, notModified.pollEveryMinutes]).toEqual([360, 1800, 360]);
    expect(feedStateChanged(fetchedState, notModified)).toBe(false);
    // A new document without <ttl> drops the hint.
    const without = nextStateAfterSuccess(notModified, { now, outcome: fetched(), entries: [] });
    expect(without.ttlMinutes).toBeUndefined();
  });
});
