import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_POLL_INTERVAL_S,
  MIN_POLL_INTERVAL_S,
  type PollPlanInput,
  planNextPoll,
} from '../../../lib/fetch/poll-policy.ts';

const NOW = '2026-11-25T12:00:00.000Z';
const nowMs = Date.parse(NOW);
const ago = (minutes: number) => new Date(nowMs - minutes * 60_000).toISOString();
const everyMinutes = (gap: number, count: number) => Array.from({ length: count }, (_, i) => ago(5 + i * gap));
const intervalS = (input: Partial<PollPlanInput>) => {
  const plan = planNextPoll({ feedId: 'feed-a', now: NOW, consecutiveFailures: 0, ...input });
  return (Date.parse(plan.nextFetchAt) - nowMs) / 1000;
};
/** feed-a's fixed jitter factor, so the table states base intervals and stays readable. */
const JITTER = intervalS({ recentPublishedAt: everyMinutes(60, 10) }) / 3600;

describe('planNextPoll', () => {
  it('jitters by a fixed factor in [1, 1.1) per feed id, different for different feeds', () => {
    expect(JITTER).toBeGreaterThanOrEqual(1);
    expect(JITTER).toBeLessThan(1.1);
    const other = planNextPoll({ feedId: 'feed-b', now: NOW, consecutiveFailures: 0 });
    expect(other.nextFetchAt).not.toBe(
      planNextPoll({ feedId: 'feed-a', now: NOW, consecutiveFailures: 0 }).nextFetchAt,
    );
  });

  it.each<[string, Partial<PollPlanInput>, number, RegExp]>([
    ['no history → 1 h', {}, 3600, /too little publishing history/],
    ['one entry is no rhythm → 1 h', { recentPublishedAt: [ago(10)] }, 3600, /too little/],
    ['hourly publisher → 1 h', { recentPublishedAt: everyMinutes(60, 10) }, 3600, /about every 1 h/],
    ['every 20 min → 20 min', { recentPublishedAt: everyMinutes(20, 10) }, 1200, /about every 20 min/],
    ['every minute → clamped to 5 min', { recentPublishedAt: everyMinutes(1, 10) }, 300, /raised to the 5 min minimum/],
    ['weekly → clamped to 24 h', { recentPublishedAt: everyMinutes(7 * 1440, 5) }, 86_400, /capped at 24 h/],
    [
      'hourly but silent for 2 days → quiet/4 = 12 h',
      {
        recentPublishedAt: everyMinutes(60, 5).map((t) =>
          new Date(Date.parse(t) - 2 * 86_400_000 + 300_000).toISOString(),
        ),
      },
      43_200,
      /quiet for 48 h/,
    ],
    [
      'future and invalid dates are ignored',
      { recentPublishedAt: ['2099-01-01T00:00:00Z', 'yesterday', ...everyMinutes(30, 4)] },
      1800,
      /about every 30 min/,
    ],
    [
      'Cache-Control max-age above the rhythm is a floor',
      { recentPublishedAt: everyMinutes(20, 10), cacheMaxAgeS: 2700 },
      2700,
      /Cache-Control max-age 45 min/,
    ],
    [
      'max-age below the rhythm changes nothing',
      { recentPublishedAt: everyMinutes(60, 10), cacheMaxAgeS: 60 },
      3600,
      /about every 1 h/,
    ],
    ['RSS ttl is a floor', { recentPublishedAt: everyMinutes(20, 10), ttlMinutes: 90 }, 5400, /feed ttl 1.5 h/],
    ['ttl of a week is capped at 24 h', { ttlMinutes: 7 * 1440 }, 86_400, /capped/],
    [
      '1st failure → 5 min',
      { consecutiveFailures: 1, recentPublishedAt: everyMinutes(600, 10) },
      300,
      /backing off after 1/,
    ],
    ['2nd failure → 10 min', { consecutiveFailures: 2 }, 600, /backing off after 2/],
    ['5th failure → 80 min', { consecutiveFailures: 5 }, 4800, /backing off after 5/],
    ['10th failure → capped at 24 h', { consecutiveFailures: 10 }, 86_400, /capped at 24 h/],
    ['1000th failure → still 24 h', { consecutiveFailures: 1000 }, 86_400, /capped/],
    ['Retry-After beats the backoff', { consecutiveFailures: 1, retryAfterS: 1800 }, 1800, /retry after 30 min/],
    ['Retry-After of a week is capped at 24 h', { consecutiveFailures: 1, retryAfterS: 7 * 86_400 }, 86_400, /capped/],
    [
      'custom clamps',
      { minIntervalS: 60, maxIntervalS: 600, recentPublishedAt: everyMinutes(1, 10) },
      75,
      /quiet for 5 min/,
    ],
  ])('%s', (_name, input, baseS, reason) => {
    const plan = planNextPoll({ feedId: 'feed-a', now: NOW, consecutiveFailures: 0, ...input });
    const maxS = input.maxIntervalS ?? MAX_POLL_INTERVAL_S;
    // JITTER is measured to the second above, hence the 1 s tolerance.
    expect(Math.abs(plan.intervalS - Math.min(maxS, baseS * JITTER))).toBeLessThanOrEqual(1);
    expect(plan.nextFetchAt).toBe(new Date(nowMs + plan.intervalS * 1000).toISOString());
    expect(plan.reason).toMatch(reason);
  });

  it('rejects a malformed clock (a bug in the caller, not a feed problem)', () => {
    expect(() => planNextPoll({ feedId: 'x', now: 'not a date', consecutiveFailures: 0 })).toThrow(RangeError);
  });
});

const isoDate = fc
  .integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2099-12-31T00:00:00Z') })
  .map((ms) => new Date(ms).toISOString());
const optionalSeconds = fc.option(fc.oneof(fc.nat({ max: 10 ** 9 }), fc.double({ min: -1e6, max: 1e9, noNaN: true })), {
  nil: undefined,
});
const inputs: fc.Arbitrary<PollPlanInput> = fc.record({
  feedId: fc.string(),
  now: isoDate,
  consecutiveFailures: fc.nat({ max: 10_000 }),
  recentPublishedAt: fc.option(fc.array(fc.oneof(isoDate, fc.string()), { maxLength: 30 }), { nil: undefined }),
  retryAfterS: optionalSeconds,
  cacheMaxAgeS: optionalSeconds,
  ttlMinutes: optionalSeconds,
});

describe('planNextPoll invariants', () => {
  it('is always within the clamps and never in the past', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const plan = planNextPoll(input);
        const waitS = (Date.parse(plan.nextFetchAt) - Date.parse(input.now)) / 1000;
        expect(waitS).toBeGreaterThanOrEqual(MIN_POLL_INTERVAL_S);
        expect(waitS).toBeLessThanOrEqual(MAX_POLL_INTERVAL_S);
        expect(waitS).toBe(plan.intervalS);
      }),
      { numRuns: 500 },
    );
  });

  it('is deterministic, and one more failure never polls sooner', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        expect(planNextPoll(input)).toEqual(planNextPoll(input));
        const failing = { ...input, consecutiveFailures: input.consecutiveFailures + 1 };
        const more = { ...failing, consecutiveFailures: failing.consecutiveFailures + 1 };
        expect(planNextPoll(more).intervalS).toBeGreaterThanOrEqual(planNextPoll(failing).intervalS);
      }),
      { numRuns: 300 },
    );
  });

  it('honours Retry-After, max-age and ttl as floors within the clamps', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const floors = [input.retryAfterS, input.cacheMaxAgeS, (input.ttlMinutes ?? 0) * 60].filter(
          (f): f is number => f !== undefined,
        );
        const floorS = Math.min(MAX_POLL_INTERVAL_S, Math.max(0, ...floors));
        expect(planNextPoll(input).intervalS).toBeGreaterThanOrEqual(Math.floor(floorS));
      }),
      { numRuns: 300 },
    );
  });
});
