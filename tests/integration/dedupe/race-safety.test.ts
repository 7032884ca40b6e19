import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../../lib/model.ts';
import { createDb } from '../../../lib/store/db.ts';
import { ensureTable } from '../../../lib/store/table.ts';
import { LOCAL_CREDENTIALS, startDynalite } from '../../support/dynalite.ts';
import { craneA, ferry, tariffs } from './stories.ts';
import {
  ingestDeps,
  ingestFeed,
  rssOf,
  snapshotTable,
  startWireWorld,
  type WireItem,
  type WireWorld,
} from './wire-world.ts';

const TRACKING = ['?utm_source=rss', '?fbclid=1', '#top', '?utm_medium=feed&ref=rss', '/', '?gclid=9', '?smid=tw', ''];

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

describe('race safety: concurrent ingests of overlapping feeds (dynalite)', () => {
  let world: WireWorld;
  let local: Awaited<ReturnType<typeof startDynalite>>;
  beforeAll(async () => {
    world = await startWireWorld();
    local = await startDynalite('race-setup');
    for (let outlet = 0; outlet < 8; outlet++)
      world.feeds.set(`outlet${outlet}`, rssOf(`Outlet ${outlet}`, outletFeed(outlet)));
  });
  afterAll(async () => {
    await local.close();
    await world.close();
  });

  it.each([2, 3, 5, 8])(
    '%i concurrent ingests leave exactly one article per story',
    { timeout: 60_000 },
    async (concurrent) => {
      const db = createDb(`race-${concurrent}`, {
        endpoint: local.endpoint,
        region: 'local',
        credentials: LOCAL_CREDENTIALS,
      });
      await ensureTable(db);
      const deps = ingestDeps(db);
      await Promise.all(
        Array.from({ length: concurrent }, (_, outlet) => ingestFeed(world.sourceOf(`outlet${outlet}`), deps)),
      );
      const items = await snapshotTable(db);
      const live = items.filter(
        (item) => String(item.pk).startsWith('ART#') && !item.absorbedInto,
      ) as unknown as Article[];
      expect(live.map((article) => article.publishedAt).sort()).toEqual(
        [ferry.published, '2024-03-05T08:10:00.000Z', tariffs.published].map((t) => new Date(t).toISOString()).sort(),
      );
      for (const article of live) expect(article.sources).toHaveLength(concurrent);
      // No orphan timeline entries: every day and topic entry points at a live article.
      const liveIds = new Set(live.map((article) => article.articleId));
      const timeline = items.filter((item) => /^(DAY|TOPIC)#/.test(String(item.pk)));
      expect(timeline.every((item) => liveIds.has((item.article as Article).articleId))).toBe(true);
      expect(timeline.filter((item) => String(item.pk).startsWith('DAY#'))).toHaveLength(3);
    },
  );
});
