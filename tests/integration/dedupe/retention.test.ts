import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../../lib/model.ts';
import type { Db } from '../../../lib/store/db.ts';
import { sweepExpired } from '../../../lib/store/sweep-expired.ts';
import { dynaliteBackend, type RunningBackend } from './store-backend.ts';
import { craneA, ferry } from './stories.ts';
import { ingestDeps, ingestFeed, rssOf, snapshotTable, startWireWorld, type WireWorld } from './wire-world.ts';

const DAY_S = 86_400;

describe('retention: TTL attributes and the local sweep (dynalite)', () => {
  let world: WireWorld;
  let running: RunningBackend;
  let db: Db;
  const now = new Date('2024-03-06T00:00:00.000Z');
  beforeAll(async () => {
    world = await startWireWorld();
    running = await dynaliteBackend.start();
    db = await running.createTable('wirefold-retention');
    world.feeds.set('coast', rssOf('Coast Wire', [craneA, ferry]));
    await ingestFeed(world.sourceOf('coast'), ingestDeps(db, now));
  });
  afterAll(async () => {
    await running.close();
    await world.close();
  });

  it('stamps topic entries with the topic retention (30 days by default) counted from first sight', async () => {
    const items = await snapshotTable(db);
    const topicEntries = items.filter((item) => String(item.pk).startsWith('TOPIC#'));
    expect(topicEntries).toHaveLength(1);
    expect(topicEntries[0]?.expiresAt).toBe(now.getTime() / 1000 + 30 * DAY_S);
    const articles = items.filter((item) => String(item.pk).startsWith('ART#'));
    expect(articles.map((item) => item.expiresAt)).toEqual([
      now.getTime() / 1000 + 90 * DAY_S,
      now.getTime() / 1000 + 90 * DAY_S,
    ]);
  });

  it('sweeps exactly what has expired: band keys after a week, topic entries after 30 days, the rest later', async () => {
    const count = async (prefix: string) =>
      (await snapshotTable(db)).filter((i) => String(i.pk).startsWith(prefix)).length;
    const bandKeys = await count('SIM#');
    expect(bandKeys).toBeGreaterThan(0);
    expect(await sweepExpired(db, new Date(now.getTime() + 1000))).toBe(0);

    expect(await sweepExpired(db, new Date(now.getTime() + 8 * DAY_S * 1000))).toBe(bandKeys);
    expect(await count('SIM#')).toBe(0);
    expect(await count('TOPIC#')).toBe(1);

    expect(await sweepExpired(db, new Date(now.getTime() + 31 * DAY_S * 1000))).toBe(1);
    expect(await count('TOPIC#')).toBe(0);
    const articles = (await snapshotTable(db)).filter((i) => String(i.pk).startsWith('ART#')) as unknown as Article[];
    expect(articles).toHaveLength(2);
  });
});
