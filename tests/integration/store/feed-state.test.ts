import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedState } from '../../../lib/model.ts';
import type { Db } from '../../../lib/store/db.ts';
import { getFeedState, listDueFeeds, listFeedStates, putFeedState } from '../../../lib/store/feed-state.ts';
import { startDynalite } from '../../support/dynalite.ts';

const state = (feedId: string, nextFetchAt: string, extra: Partial<FeedState> = {}): FeedState => ({
  feedId,
  url: `https://example.org/${feedId}.xml`,
  title: feedId,
  nextFetchAt,
  consecutiveFailures: 0,
  recentEntryHashes: [],
  ...extra,
});

describe('feed state store (dynalite)', () => {
  let db: Db;
  let close: () => Promise<void>;
  beforeAll(async () => ({ db, close } = await startDynalite()));
  afterAll(() => close());

  it('round-trips a state without leaking key attributes', async () => {
    const written = state('alpha', '2026-01-01T00:00:00.000Z', { etag: '"x"', lastError: undefined });
    await putFeedState(db, written);
    expect(await getFeedState(db, 'alpha')).toEqual({ ...written, lastError: undefined });
    expect(await getFeedState(db, 'missing')).toBeUndefined();
  });

  it('lists only due, enabled feeds across shards, oldest first; lists every feed for health', async () => {
    const now = new Date('2026-06-01T12:00:00.000Z');
    const feeds = [
      state('due-a', '2026-06-01T11:00:00.000Z'),
      state('due-b', '2026-06-01T11:59:59.999Z'),
      state('due-exactly-now', '2026-06-01T12:00:00.000Z'),
      state('later', '2026-06-01T12:00:00.001Z'),
      state('gone', '2026-01-01T00:00:00.000Z', { disabled: true }),
    ];
    for (const feed of feeds) await putFeedState(db, feed);
    const due = (await listDueFeeds(db, now)).map((s) => s.feedId);
    expect(due).toEqual(['alpha', 'due-a', 'due-b', 'due-exactly-now']);
    const all = (await listFeedStates(db)).map((s) => s.feedId);
    expect(all).toEqual(['alpha', 'due-a', 'due-b', 'due-exactly-now', 'gone', 'later']);
  });
});
