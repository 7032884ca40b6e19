import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedState } from '../../../lib/model.ts';
import { serveRequest } from '../../../lib/serve.ts';
import { putFeedState } from '../../../lib/store/feed-state.ts';
import { startDynalite } from '../../support/dynalite.ts';

describe('/sources', () => {
  let dynalite: Awaited<ReturnType<typeof startDynalite>>;
  const state = (feedId: string, extra: Partial<FeedState> = {}): FeedState => ({
    feedId,
    url: `https://${feedId}.example/feed`,
    title: feedId,
    nextFetchAt: '2026-11-20T12:00:00.000Z',
    consecutiveFailures: 0,
    recentEntryHashes: ['abc123'],
    etag: '"secret-validator"',
    ...extra,
  });
  beforeAll(async () => {
    dynalite = await startDynalite();
    await putFeedState(
      dynalite.db,
      state('kept', { pollReason: 'publishes about every 2 h', lastFetchedAt: '2026-11-20T10:00:00.000Z' }),
    );
    await putFeedState(dynalite.db, state('removed'));
  });
  afterAll(() => dynalite.close());

  const sources = async (feeds?: { feedId: string; url: string; title: string }[]) => {
    const response = await serveRequest(
      { method: 'GET', path: '/sources', rawQuery: '', headers: { host: 'h.example' } },
      { db: dynalite.db, topics: [], ...(feeds ? { feeds } : {}) },
    );
    expect(response.status).toBe(200);
    return JSON.parse(Buffer.from(response.body ?? new Uint8Array()).toString('utf8')) as {
      sources: Record<string, unknown>[];
    };
  };

  it('lists only feeds still in the configuration, with why the next poll is when it is', async () => {
    const body = await sources([{ feedId: 'kept', url: 'https://kept.example/feed', title: 'Kept' }]);
    expect(body.sources.map((s) => s.feedId)).toEqual(['kept']);
    expect(body.sources[0]).toMatchObject({ status: 'ok', pollReason: 'publishes about every 2 h' });
    expect(JSON.stringify(body)).not.toMatch(/secret-validator|abc123/); // polling internals stay private
  });

  it('lists nothing without a configuration: states are read by the configured ids', async () => {
    expect((await sources()).sources).toEqual([]);
  });

  it('shows a feed on a cadence with its cadence and its next slot, not a stale stored due time', async () => {
    await putFeedState(
      dynalite.db,
      state('slotted', { pollEveryMinutes: 30, pollPhase: 4, nextFetchAt: '2020-01-01T00:00:00.000Z' }),
    );
    const body = await sources([{ feedId: 'slotted', url: 'https://slotted.example/feed', title: 'S' }]);
    const shown = body.sources[0] as { pollEveryMinutes: number; nextFetchAt: string };
    expect(shown.pollEveryMinutes).toBe(30);
    expect(Date.parse(shown.nextFetchAt)).toBeGreaterThanOrEqual(Date.now() - 1000);
    expect(Date.parse(shown.nextFetchAt) - Date.now()).toBeLessThanOrEqual(30 * 60_000);
  });
});
