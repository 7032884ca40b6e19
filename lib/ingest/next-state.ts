import type { FetchOutcome } from '../fetch/fetch-feed.ts';
import type { FeedSource, FeedState, NormalizedEntry } from '../model.ts';
import { planPoll } from './plan-poll.ts';

/** A feed we have never polled: due now. */
export function initialFeedState(source: FeedSource, now: Date): FeedState {
  return {
    feedId: source.feedId,
    url: source.url,
    title: source.title,
    nextFetchAt: now.toISOString(),
    consecutiveFailures: 0,
    recentEntryHashes: [],
  };
}

export interface SuccessInput {
  readonly now: Date;
  readonly outcome: FetchOutcome;
  readonly entries: readonly NormalizedEntry[];
  readonly freshEntries: number;
  readonly ttlMinutes?: number;
  readonly recentEntryHashes?: readonly string[];
}

/** After a 200 or 304: store validators, follow a permanent redirect, clear the error, plan the next poll. */
export function nextStateAfterSuccess(state: FeedState, input: SuccessInput): FeedState {
  const { outcome, now } = input;
  const fetched = outcome.kind === 'fetched';
  const { lastError: _cleared, ...rest } = state;
  return {
    ...rest,
    url: outcome.movedPermanentlyTo ?? state.url,
    etag: outcome.etag ?? (fetched ? undefined : state.etag),
    lastModified: outcome.lastModified ?? (fetched ? undefined : state.lastModified),
    lastFetchedAt: now.toISOString(),
    lastSuccessAt: now.toISOString(),
    lastStatus: fetched ? outcome.status : 304,
    consecutiveFailures: 0,
    recentEntryHashes: input.recentEntryHashes ?? state.recentEntryHashes,
    itemsSeen: fetched ? input.entries.length : state.itemsSeen,
    nextFetchAt: planPoll(state, {
      now,
      ok: true,
      cacheMaxAgeS: outcome.cacheMaxAgeS,
      ttlMinutes: input.ttlMinutes,
      entries: input.entries,
      freshEntries: input.freshEntries,
    }),
  };
}

export interface FailureInput {
  readonly now: Date;
  readonly stage: 'fetch' | 'parse';
  readonly error: { readonly kind: string; readonly message: string; readonly retryAfterS?: number };
  readonly status?: number;
}

/**
 * After a failure: count it, keep the message visible in the sources' health, back off. A 410 disables the feed
 * (it stays listed, with its last error, rather than silently vanishing).
 */
export function nextStateAfterFailure(state: FeedState, input: FailureInput): FeedState {
  const failures = state.consecutiveFailures + 1;
  const gone = input.error.kind === 'gone';
  return {
    ...state,
    lastFetchedAt: input.now.toISOString(),
    lastStatus: input.status,
    consecutiveFailures: failures,
    lastError: {
      kind: `${input.stage}:${input.error.kind}`,
      message: input.error.message,
      at: input.now.toISOString(),
    },
    ...(gone ? { disabled: true } : {}),
    nextFetchAt: planPoll(
      { ...state, consecutiveFailures: failures },
      { now: input.now, ok: false, retryAfterS: input.error.retryAfterS },
    ),
  };
}
