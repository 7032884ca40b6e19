import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../../lib/store/db.ts';
import { recordSends } from '../send-recorder.ts';
import type { RunningBackend, StoreBackend } from '../store-backend.ts';
import { craneA, craneB, craneViaAggregator, tariffs } from '../stories.ts';
import { ingestDeps, ingestFeed, rssOf, snapshotTable, startWireWorld, type WireWorld } from '../wire-world.ts';

const FEEDS = ['coast', 'harbour', 'agg'] as const;

/**
 * A Lambda can die between any two store calls. For every n, fail the n-th call of an ingest round, rerun the
 * round (as SQS redelivery would), and require the table to equal a clean run's: no lost article, no duplicate,
 * no orphan topic entry. Feed states are compared on what they remember (etag and poll times may differ, since
 * a feed processed twice sees its second poll).
 */
export function describeCrashSuite(backend: StoreBackend) {
  describe(`crash safety of the ingest fold path (${backend.name})`, () => {
    let world: WireWorld;
    let running: RunningBackend;
    let tables = 0;
    const freshTable = (): Promise<Db> => running.createTable(`crash-${tables++}`);
    const round = async (db: Db) => {
      for (const name of FEEDS) await ingestFeed(world.sourceOf(name), ingestDeps(db));
    };
    const comparable = (items: Record<string, unknown>[]) =>
      items.map((item) =>
        String(item.pk).startsWith('FEED#') ? { pk: item.pk, recent: item.recentEntryHashes } : item,
      );

    beforeAll(async () => {
      world = await startWireWorld();
      running = await backend.start();
      // The smallest round that exercises every write: a new article, a URL fold, a near-duplicate fold, an
      // unrelated article, band keys, topic and day entries, claims and feed states.
      world.feeds.set('coast', rssOf('Coast Wire', [craneA]));
      world.feeds.set('harbour', rssOf('Daily Harbour', [craneB, tariffs]));
      world.feeds.set('agg', rssOf('Aggregator', [craneViaAggregator]));
    });
    afterAll(async () => {
      await running.close();
      await world.close();
    });

    it('ends in the clean run’s table whichever store call fails', async () => {
      const clean = await freshTable();
      const counted = recordSends(clean);
      await round(counted.db);
      const expected = comparable(await snapshotTable(clean));
      const storeCalls = counted.calls.length;
      expect(storeCalls).toBeGreaterThan(20);

      const failAtEach = Array.from({ length: storeCalls }, (_, index) => index + 1);
      // Independent tables, so the runs for different n can interleave (the store calls are I/O).
      const crashThenRerun = async (failAt: number) => {
        const db = await freshTable();
        const crashing = recordSends(db, { failAt });
        await expect(round(crashing.db), `failure at call ${failAt}`).rejects.toThrow(/injected failure/);
        await round(db);
        return { failAt, failedCall: crashing.calls.at(-1), table: comparable(await snapshotTable(db)) };
      };
      for (let start = 0; start < failAtEach.length; start += 8) {
        const outcomes = await Promise.all(failAtEach.slice(start, start + 8).map(crashThenRerun));
        for (const { failAt, failedCall, table } of outcomes) {
          expect(table, `after failure at call ${failAt} (${failedCall})`).toEqual(expected);
        }
      }
    }, 120_000);
  });
}
