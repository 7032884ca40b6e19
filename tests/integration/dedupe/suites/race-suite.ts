import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../../../lib/model.ts';
import type { RunningBackend, StoreBackend } from '../store-backend.ts';
import { craneA, ferry, tariffs } from '../stories.ts';
import {
  ingestDeps,
  ingestFeed,
  rssOf,
  snapshotTable,
  startWireWorld,
  type WireItem,
  type WireWorld,
} from '../wire-world.ts';

const TRACKING = ['?utm_source=rss', '?fbclid=1', '#top', '?utm_medium=feed&ref=rss', '/', '?gclid=9', '?smid=tw', ''];

/**
 * How odd outlets carry the crane wire copy: with the agency's dateline, or cut after 20 words. The near-duplicate
 * lookup is asymmetric (a stored article writes one lede shingle, an arriving item probes several), so these check
 * that two differing copies created at the same moment still find each other, whichever settles last.
 */
const craneLede = (outlet: number) =>
  outlet % 4 === 1
    ? `PORT SELAT (Reuters) - ${craneA.summary}`
    : outlet % 4 === 3
      ? `${craneA.summary.split(' ').slice(0, 20).join(' ')}…`
      : craneA.summary;

/** Outlet n's copy of each story: the same link dressed differently, and a wire story retitled at its own URL. */
function outletFeed(outlet: number): WireItem[] {
  return [
    {
      ...ferry,
      guid: `ferry-${outlet}`,
      link: `https://coastwire.example/news/ferry-night-crossings${TRACKING[outlet]}`,
    },
    {
      ...craneA,
      guid: `crane-${outlet}`,
      title: outlet % 2 === 0 ? craneA.title : 'Five dock workers hurt as crane collapses at Port Selat',
      summary: craneLede(outlet),
      link: `https://outlet${outlet}.example/news/crane-collapse-port-selat`,
      published: `2024-03-05T08:${String(10 + outlet).padStart(2, '0')}:00Z`,
    },
    {
      ...tariffs,
      guid: `fees-${outlet}`,
      link: `https://www.dailyharbour.example/business/port-fees-bulk-carriers${TRACKING[7 - outlet]}`,
    },
  ];
}

export function describeRaceSuite(backend: StoreBackend) {
  describe(`race safety: concurrent ingests of overlapping feeds (${backend.name})`, () => {
    let world: WireWorld;
    let running: RunningBackend;
    beforeAll(async () => {
      world = await startWireWorld();
      running = await backend.start();
      for (let outlet = 0; outlet < 8; outlet++)
        world.feeds.set(`outlet${outlet}`, rssOf(`Outlet ${outlet}`, outletFeed(outlet)));
    });
    afterAll(async () => {
      await running.close();
      await world.close();
    });

    it.each([2, 3, 5, 8])(
      '%i concurrent ingests leave exactly one article per story',
      { timeout: 60_000 },
      async (concurrent) => {
        const db = await running.createTable(`race-${concurrent}`);
        const deps = ingestDeps(db);
        await Promise.all(
          Array.from({ length: concurrent }, (_, outlet) => ingestFeed(world.sourceOf(`outlet${outlet}`), deps)),
        );
        const items = await snapshotTable(db);
        const live = items.filter(
          (item) => String(item.pk).startsWith('ART#') && !item.absorbedInto,
        ) as unknown as Article[];
        // One article per story, carrying every outlet's copy. Which crane copy it is dated by depends on who got
        // there first: a copy whose lookup already sees another outlet's article folds into it.
        const storyOf = (url: string | undefined) =>
          ['ferry-night', 'crane-collapse', 'port-fees'].find((slug) => url?.includes(slug));
        const stories = live.map((article) => [...new Set(article.sources.map((source) => storyOf(source.url)))]);
        expect(stories.map((slugs) => slugs.join()).sort()).toEqual(['crane-collapse', 'ferry-night', 'port-fees']);
        for (const article of live) expect(article.sources).toHaveLength(concurrent);
        const crane = live.find((article) => storyOf(article.sources[0]?.url) === 'crane-collapse')!;
        expect(crane.publishedAt.slice(0, 15)).toBe('2024-03-05T08:1');
        // No orphan timeline entries: every day and topic entry points at a live article.
        const liveIds = new Set(live.map((article) => article.articleId));
        // (An absorbed article's entries are markers that carry no article and that no read shows.)
        const timeline = items.filter((item) => /^(DAY|TOPIC)#/.test(String(item.pk)) && item.article !== undefined);
        expect(timeline.every((item) => liveIds.has((item.article as Article).articleId))).toBe(true);
        // And every live article is in the merged stream (its topics' timelines, or the day stream when it has none).
        expect(new Set(timeline.map((item) => (item.article as Article).articleId))).toEqual(liveIds);
      },
    );
  });
}
