import { fnv1a32 } from '../fnv1a.ts';

/**
 * When to poll a feed next. Pure: the orchestrator passes what it observed, we return a time.
 *
 * - A healthy feed is polled about as often as it publishes (the median gap between its recent entries), slower
 *   when it has gone quiet, 1 h when we know nothing yet.
 * - The server's own hints are floors: Retry-After, Cache-Control max-age, RSS <ttl>. Polling sooner would be rude
 *   (Retry-After) or pointless (the same bytes again).
 * - Failures back off exponentially from the minimum: 5, 10, 20, 40 min … capped at the maximum.
 * - Everything is clamped to [minIntervalS, maxIntervalS] (5 min .. 24 h), so a dead feed is still retried daily and
 *   stays visible in the health page instead of silently disappearing.
 * - A deterministic jitter of 0-10 % derived from the feedId spreads feeds that share a schedule, without making
 *   tests flaky; it only ever adds, so the floors above still hold.
 */
export interface PollPlanInput {
  readonly feedId: string;
  /** When this poll finished, ISO 8601. */
  readonly now: string;
  /** Consecutive failed polls including this one; 0 after a success or a 304. */
  readonly consecutiveFailures: number;
  /** Publication times of the feed's recent entries, ISO 8601, any order; unparseable or future ones are ignored. */
  readonly recentPublishedAt?: readonly string[];
  /** From a `rate-limited` FetchError. */
  readonly retryAfterS?: number;
  /** From a FetchOutcome. */
  readonly cacheMaxAgeS?: number;
  /** From the parsed feed (RSS <ttl>, sy:updatePeriod). */
  readonly ttlMinutes?: number;
  readonly minIntervalS?: number;
  readonly maxIntervalS?: number;
}

export interface PollPlan {
  readonly nextFetchAt: string;
  readonly intervalS: number;
  /** The interval before jitter: a caller that spreads feeds its own way (poll slots) rounds this one. */
  readonly baseIntervalS: number;
  /** One short phrase for the health page: why this interval. */
  readonly reason: string;
}

export const MIN_POLL_INTERVAL_S = 5 * 60;
export const MAX_POLL_INTERVAL_S = 24 * 60 * 60;
const UNKNOWN_FREQUENCY_INTERVAL_S = 60 * 60;
const HISTORY_SIZE = 20;
const JITTER_FRACTION = 0.1;

/** A stable number in [0, 1) from the feed id, so a feed's jitter is the same on every run and every machine. */
const unitHash = (text: string): number => fnv1a32(text) / 2 ** 32;

const median = (sorted: readonly number[]) => {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const humanize = (seconds: number) =>
  seconds >= 3600 ? `${+(seconds / 3600).toFixed(1)} h` : `${Math.round(seconds / 60)} min`;

/** The interval a healthy feed earns from its publishing rhythm. */
function publishingInterval(published: readonly string[], nowMs: number): { intervalS: number; reason: string } {
  const times = [...new Set(published.map((p) => Date.parse(p)).filter((t) => Number.isFinite(t) && t <= nowMs))]
    .sort((a, b) => b - a)
    .slice(0, HISTORY_SIZE);
  const newest = times[0];
  if (newest === undefined || times.length < 2) {
    return { intervalS: UNKNOWN_FREQUENCY_INTERVAL_S, reason: 'too little publishing history' };
  }
  const gapsS = times
    .slice(1)
    .map((t, i) => (times[i]! - t) / 1000)
    .sort((a, b) => a - b);
  const typicalGapS = median(gapsS);
  const quietS = (nowMs - newest) / 1000;
  // A feed silent for four typical gaps has probably slowed down; follow it down rather than polling in vain.
  if (quietS > 4 * typicalGapS) return { intervalS: quietS / 4, reason: `quiet for ${humanize(quietS)}` };
  return { intervalS: typicalGapS, reason: `publishes about every ${humanize(typicalGapS)}` };
}

export function planNextPoll(input: PollPlanInput): PollPlan {
  const nowMs = Date.parse(input.now);
  if (!Number.isFinite(nowMs)) throw new RangeError(`planNextPoll: now is not a date: ${input.now}`);
  const minS = input.minIntervalS ?? MIN_POLL_INTERVAL_S;
  const maxS = Math.max(minS, input.maxIntervalS ?? MAX_POLL_INTERVAL_S);

  const failures = Math.max(0, Math.floor(input.consecutiveFailures));
  let { intervalS, reason } =
    failures > 0
      ? { intervalS: minS * 2 ** Math.min(failures - 1, 30), reason: `backing off after ${failures} failure(s)` }
      : publishingInterval(input.recentPublishedAt ?? [], nowMs);

  const floors: readonly [number | undefined, string][] = [
    [input.retryAfterS, 'server asked to retry after'],
    [input.cacheMaxAgeS, 'Cache-Control max-age'],
    [input.ttlMinutes === undefined ? undefined : input.ttlMinutes * 60, 'feed ttl'],
  ];
  for (const [floorS, why] of floors) {
    if (floorS !== undefined && Number.isFinite(floorS) && floorS > intervalS) {
      intervalS = floorS;
      reason = `${why} ${humanize(floorS)}`;
    }
  }
  if (intervalS < minS) reason += ` (raised to the ${humanize(minS)} minimum)`;
  if (intervalS > maxS) reason += ` (capped at ${humanize(maxS)})`;
  const clampedS = Math.min(maxS, Math.max(minS, intervalS));
  const jitteredS = Math.round(Math.min(maxS, clampedS * (1 + JITTER_FRACTION * unitHash(input.feedId))));
  return {
    nextFetchAt: new Date(nowMs + jitteredS * 1000).toISOString(),
    intervalS: jitteredS,
    baseIntervalS: clampedS,
    reason,
  };
}
