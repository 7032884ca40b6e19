import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_NEAR_DUP_PROBES } from '../../../../lib/dedupe/near-dup-keys.ts';
import type { Article } from '../../../../lib/model.ts';
import type { Db } from '../../../../lib/store/db.ts';
import { recordSends } from '../send-recorder.ts';
import type { RunningBackend, StoreBackend } from '../store-backend.ts';
import { craneA, craneB, craneViaAggregator, ferry, tariffs } from '../stories.ts';
import {
  articlesIn,
  ingestDeps,
  ingestFeed,
  rssOf,
  snapshotTable,
  startWireWorld,
  type WireWorld,
} from '../wire-world.ts';

interface BatchGetInput {
  RequestItems: Record<string, { Keys: { pk: string; sk: string }[]; ConsistentRead?: boolean }>;
}

export function describeFoldSuite(backend: StoreBackend) {
  describe(`cross-feed folding through the real store (${backend.name})`, () => {
    let world: WireWorld;
    let running: RunningBackend;
    let db: Db;
    beforeAll(async () => {
      world = await startWireWorld();
      running = await backend.start();
      db = await running.createTable('wirefold-fold');
    });
    afterAll(async () => {
      await running.close();
      await world.close();
    });

    it('folds the same story from three outlets into one article that keeps every source', async () => {
      world.feeds.set('coast', rssOf('Coast Wire', [craneA, ferry]));
      world.feeds.set('harbour', rssOf('Daily Harbour', [craneB, tariffs]));
      world.feeds.set('agg', rssOf('Aggregator', [craneViaAggregator]));
      const deps = ingestDeps(db);
      const reports = [];
      for (const name of ['coast', 'harbour', 'agg']) reports.push(await ingestFeed(world.sourceOf(name), deps));
      expect(reports.map((r) => [r.newArticles, r.foldedArticles])).toEqual([
        [2, 0],
        [1, 1],
        [0, 1],
      ]);

      const items = await snapshotTable(db);
      const articles = articlesIn(items) as unknown as Article[];
      expect(articles.map((a) => a.title).sort()).toEqual([craneA.title, ferry.title, tariffs.title].sort());
      const crane = articles.find((a) => a.title === craneA.title)!;
      expect(crane.sources.map((s) => s.feedId)).toEqual(['coast', 'harbour', 'agg']);
      // Each article's first outlet wrote the registers of its near-duplicate keys — the headline and one lede
      // shingle — and the folded copies wrote none: two registers per article, each naming it, one write unit each.
      const registers = items.filter((item) => String(item.pk).startsWith('SIM#'));
      expect(registers.map((item) => String(item.pk).split('#')[1]).sort()).toEqual(['s', 's', 's', 't', 't', 't']);
      expect(new Set(registers.map((item) => item.articleId))).toEqual(new Set(articles.map((a) => a.articleId)));
      expect(registers.every((item) => item.sk === 'K')).toBe(true);
      expect(crane.sources[1]?.url).toBe(craneB.link);

      // The topic entry carries the folded article, so a topic feed can show "also reported by".
      const topicEntries = items.filter((item) => item.pk === 'TOPIC#harbours');
      const craneEntry = topicEntries.find((item) => (item.article as Article).articleId === crane.articleId);
      expect(craneEntry).toBeDefined();
      expect((craneEntry!.article as Article).sources).toHaveLength(3);
      expect(topicEntries).toHaveLength(2); // crane and port fees; the ferry is off topic
    });

    it('finds candidates with one BatchGet of its probe registers, never a Query or a Scan', async () => {
      const recorded = recordSends(db);
      world.feeds.set(
        'late',
        rssOf('Late Outlet', [{ ...craneB, guid: 'late-1', link: 'https://late.example/crane' }]),
      );
      const report = await ingestFeed(world.sourceOf('late'), ingestDeps(recorded.db));
      expect(report.foldedArticles).toBe(1);
      expect(recorded.calls).not.toContain('ScanCommand');
      expect(recorded.calls).not.toContain('QueryCommand');
      const registerReads = recorded.inputs
        .map((input, index) => ({ input, call: recorded.calls[index] }))
        .filter(({ call }) => call === 'BatchGetCommand')
        .map(({ input }) => Object.values((input as BatchGetInput).RequestItems)[0]!)
        .filter((request) => request.Keys.some((key) => String(key.pk).startsWith('SIM#')));
      // One eventually consistent BatchGet of the arriving item's probes, and only those (it folds: it joins none).
      expect(registerReads).toHaveLength(1);
      const probed = registerReads[0]!.Keys;
      expect(probed.every((key) => String(key.pk).startsWith('SIM#') && key.sk === 'K')).toBe(true);
      expect(probed.length).toBeGreaterThan(0);
      expect(probed.length).toBeLessThanOrEqual(MAX_NEAR_DUP_PROBES);
      expect(registerReads[0]!.ConsistentRead).toBeUndefined();
      expect(recorded.calls).not.toContain('UpdateCommand');
    });

    it('updates an edited item in place and keeps its article id', async () => {
      const before = articlesIn(await snapshotTable(db)) as unknown as Article[];
      const ferryId = before.find((a) => a.title === ferry.title)!.articleId;
      const edited = { ...ferry, title: 'Ferry operator adds three night crossings to the islands' };
      world.feeds.set('coast', rssOf('Coast Wire', [craneA, edited]));
      const report = await ingestFeed(world.sourceOf('coast'), ingestDeps(db));
      expect(report.updatedArticles).toBe(1);
      const after = articlesIn(await snapshotTable(db)) as unknown as Article[];
      expect(after).toHaveLength(before.length);
      expect(after.find((a) => a.articleId === ferryId)?.title).toBe(edited.title);
    });
  });
}
