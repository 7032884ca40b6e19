import type { FeedState, NormalizedEntry } from '../model.ts';

export interface PollObservation {
  readonly now: Date;
  readonly ok: boolean;
  readonly cacheMaxAgeS?: number;
  readonly retryAfterS?: number;
  readonly ttlMinutes?: number;
  readonly entries?: readonly NormalizedEntry[];
  readonly freshEntries?: number;
}

/** Interim planner (fixed 30 min, doubled per failure up to a day) until lib/fetch/poll-policy.ts lands. */
export function planPoll(state: FeedState, observation: PollObservation): string {
  const base = 30 * 60_000;
  const backoff = observation.ok ? base : Math.min(base * 2 ** Math.min(state.consecutiveFailures, 6), 86_400_000);
  const floor = Math.max((observation.retryAfterS ?? 0) * 1000, (observation.cacheMaxAgeS ?? 0) * 1000);
  return new Date(observation.now.getTime() + Math.max(backoff, floor)).toISOString();
}
