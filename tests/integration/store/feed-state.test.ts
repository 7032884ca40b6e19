import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedState } from '../../../lib/model.ts';
import { slotNumberAt } from '../../../lib/schedule/poll-slots.ts';
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

  it('lists passed one-off due times and feeds whose slot began in the range; lists states by id', async () => {
    const now = new Date('2026-06-01T12:00:00.000Z');
    const slotNow = slotNumberAt(now);
    // Two feeds every 15 minutes: one whose phase is now's slot, one whose phase is not.
    const dueNow = slotNow % 3;
    const notNow = (slotNow + 1) % 3;
    const feeds = [
      state('due-a', '2026-06-01T11:00:00.000Z'),
      state('due-exactly-now', '2026-06-01T12:00:00.000Z'),
      state('later', '2026-06-01T12:00:00.001Z'),
      state('gone', '2026-01-01T00:00:00.000Z', { disabled: true }),
      // Stored due times of feeds on a cadence are stale on purpose: only the slot decides.
      state('slot-now', '2026-05-01T00:00:00.000Z', { pollEveryMinutes: 15, pollPhase: dueNow }),
      state('slot-later', '2026-05-01T00:00:00.000Z', { pollEveryMinutes: 15, pollPhase: notNow }),
    ];
    for (const feed of feeds) await putFeedState(db, feed);
    const due = await listDueFeeds(db, now, slotNow - 1);
    expect(due).toEqual([
      { feedId: 'alpha', dueAt: '2026-01-01T00:00:00.000Z' },
      { feedId: 'due-a', dueAt: '2026-06-01T11:00:00.000Z' },
      { feedId: 'due-exactly-now', dueAt: '2026-06-01T12:00:00.000Z' },
      { feedId: 'slot-now', dueAt: now.toISOString() },
    ]);
    // The same slot read again (a second scheduler run within it) finds no feed on a cadence.
    expect((await listDueFeeds(db, now, slotNow)).map((d) => d.feedId)).toEqual(['alpha', 'due-a', 'due-exactly-now']);
    // A gap of three slots (15 minutes) covers every phase of the 15-minute cadence once.
    const afterGap = (await listDueFeeds(db, now, slotNow - 3)).map((d) => d.feedId);
    expect(afterGap).toContain('slot-later');
    expect(afterGap.filter((id) => id === 'slot-now')).toHaveLength(1);
    const all = (await listFeedStates(db, ['later', 'gone', 'alpha', 'missing', 'alpha'])).map((s) => s.feedId);
    expect(all).toEqual(['alpha', 'gone', 'later']);
  });
});
