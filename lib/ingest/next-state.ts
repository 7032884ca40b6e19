import type { FetchOutcome } from '../fetch/fetch-feed.ts';
import type { FeedSource, FeedState, NormalizedEntry } from '../model.ts';
import { cadenceFor, cadenceOf, planCadence } from '../schedule/poll-slots.ts';
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
  readonly ttlMinutes?: number;
  readonly recentEntryHashes?: readonly string[];
}

/** How many publication times a feed state keeps to estimate the feed's rhythm. */
const PUBLISHED_HISTORY = 10;

/** After a 200 or 304: store validators, follow a permanent redirect, clear the error, plan the next poll. */
export function nextStateAfterSuccess(state: FeedState, input: SuccessInput): FeedState {
  const { outcome, now } = input;
  const fetched = outcome.kind === 'fetched';
  const { lastError: _cleared, ...rest } = state;
  const recentPublishedAt = fetched
    ? [
        ...new Set([
          ...input.entries.map((e) => e.publishedAt.replace('.000Z', 'Z')),
          ...(state.recentPublishedAt ?? []),
        ]),
      ]
        .sort()
        .reverse()
        .slice(0, PUBLISHED_HISTORY)
    : state.recentPublishedAt;
  const ttlMinutes = input.ttlMinutes ?? (fetched ? undefined : state.ttlMinutes);
  const cacheMaxAgeS = outcome.cacheMaxAgeS ?? (fetched ? undefined : state.cacheMaxAgeS);
  const healthy = { ...rest, consecutiveFailures: 0, recentPublishedAt, ttlMinutes, cacheMaxAgeS };
  return {
    ...healthy,
    url: outcome.movedPermanentlyTo ?? state.url,
    etag: outcome.etag ?? (fetched ? undefined : state.etag),
    lastModified: outcome.lastModified ?? (fetched ? undefined : state.lastModified),
    lastFetchedAt: now.toISOString(),
    lastSuccessAt: now.toISOString(),
    lastStatus: fetched ? outcome.status : 304,
    consecutiveFailures: 0,
    recentEntryHashes: input.recentEntryHashes ?? state.recentEntryHashes,
    itemsSeen: fetched ? input.entries.length : state.itemsSeen,
    charsetNote: fetched ? outcome.charsetNote : state.charsetNote,
    ...onCadence(healthy, planPoll(healthy, { now, cacheMaxAgeS, ttlMinutes }), now),
  };
}

/** A healthy feed polls on the ladder step at or above its planned interval, in its own slots (poll-slots.ts). */
function onCadence(state: FeedState, plan: { pollReason: string; baseIntervalS: number }, now: Date) {
  const pollEveryMinutes = cadenceFor(plan.baseIntervalS);
  const kept = state.pollEveryMinutes === pollEveryMinutes ? state.pollPhase : undefined;
  const { phase, nextFetchAt } = planCadence(state.feedId, pollEveryMinutes, now, plan.baseIntervalS, kept);
  return { pollEveryMinutes, pollPhase: phase, nextFetchAt, pollReason: plan.pollReason };
}

/**
 * What changes on every poll by itself, and so does not by itself justify writing the state again. The stored
 * `lastFetchedAt` and `lastStatus` then describe the last poll that changed something (a 200 that brought new
 * validators or entries), which is what the health page says they are.
 */
const VOLATILE_FIELDS = ['lastFetchedAt', 'lastSuccessAt', 'lastStatus', 'nextFetchAt', 'pollReason'] as const;

function persistentPart(state: FeedState, ignored: readonly string[] = []): string {
  const rest: Record<string, unknown> = { ...state };
  for (const field of [...VOLATILE_FIELDS, ...ignored]) delete rest[field];
  // Key order and absent-versus-undefined must not count as a change.
  return JSON.stringify(
    Object.keys(rest)
      .filter((key) => rest[key] !== undefined)
      .sort()
      .map((key) => [key, rest[key]]),
  );
}

/**
 * New validators with the same entries (a feed that re-stamps its channel date on every build) are saved at most
 * this often. Their only use is the next conditional GET, and such a feed's next build stamps them again; until they
 * are saved, the server answers the old ones with the whole document, which ingest reads and finds unchanged.
 */
export const VALIDATORS_ALONE_SAVED_EVERY_MS = 60 * 60_000;

/**
 * Whether a poll's new state must be written. A feed on a cadence that got a 304, or the same entries with the same
 * validators, is due in the same slots as before: writing would only move times that the slot already implies —
 * a write unit per poll for nothing. New validators alone wait up to an hour (above); anything else (entries,
 * cadence, errors, a moved URL) is written at once.
 */
export function feedStateChanged(before: FeedState, after: FeedState): boolean {
  if (!cadenceOf(before) || !cadenceOf(after)) return true;
  if (persistentPart(before) === persistentPart(after)) return false;
  const validatorsAlone =
    persistentPart(before, ['etag', 'lastModified']) === persistentPart(after, ['etag', 'lastModified']);
  if (!validatorsAlone) return true;
  const lastWrite = Date.parse(before.lastFetchedAt ?? '');
  return !(Date.parse(after.lastFetchedAt ?? '') - lastWrite < VALIDATORS_ALONE_SAVED_EVERY_MS);
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
  // Off the cadence: a failing feed backs off on its own one-off due time.
  const { pollEveryMinutes: _offCadence, pollPhase: _offPhase, ...rest } = state;
  const plan = planPoll(
    { ...state, consecutiveFailures: failures },
    { now: input.now, retryAfterS: input.error.retryAfterS },
  );
  return {
    ...rest,
    lastFetchedAt: input.now.toISOString(),
    lastStatus: input.status,
    consecutiveFailures: failures,
    lastError: {
      kind: `${input.stage}:${input.error.kind}`,
      message: input.error.message,
      at: input.now.toISOString(),
    },
    ...(gone ? { disabled: true } : {}),
    nextFetchAt: plan.nextFetchAt,
    pollReason: plan.pollReason,
  };
}
