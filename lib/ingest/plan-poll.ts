import { planNextPoll } from '../fetch/poll-policy.ts';
import type { FeedState } from '../model.ts';

export interface PollObservation {
  readonly now: Date;
  readonly cacheMaxAgeS?: number;
  readonly retryAfterS?: number;
  readonly ttlMinutes?: number;
}

/** Adapts a feed state and what this run observed to the fetch layer's polling policy. */
export function planPoll(
  state: FeedState,
  observation: PollObservation,
): { nextFetchAt: string; pollReason: string; baseIntervalS: number } {
  const plan = planNextPoll({
    feedId: state.feedId,
    now: observation.now.toISOString(),
    consecutiveFailures: state.consecutiveFailures,
    recentPublishedAt: state.recentPublishedAt,
    retryAfterS: observation.retryAfterS,
    cacheMaxAgeS: observation.cacheMaxAgeS,
    ttlMinutes: observation.ttlMinutes,
  });
  return { nextFetchAt: plan.nextFetchAt, pollReason: plan.reason, baseIntervalS: plan.baseIntervalS };
}
