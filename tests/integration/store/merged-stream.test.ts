import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../../lib/model.ts';
import type { TopicMatcher } from '../../../lib/store/articles.ts';
import { listRecentArticles } from '../../../lib/store/day-stream.ts';
import { writeTimelineEntries } from '../../../lib/store/timeline.ts';
import { startDynalite } from '../../support/dynalite.ts';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const HOUR = 3_600_000;

const article = (id: string, hoursAgo: number, topics: string[], firstSeenHoursAgo = hoursAgo): Article => ({
  articleId: id,
  url: `https://outlet.example/${id}`,
  title: `Story ${id}`,
  publishedAt: new Date(NOW.getTime() - hoursAgo * HOUR).toISOString(),
  firstSeenAt: new Date(NOW.getTime() - firstSeenHoursAgo * HOUR).toISOString(),
  authors: [],
  categories: [],
  sources: [{ feedId: 'f', feedTitle: 'Outlet', entryKey: id, seenAt: NOW.toISOString() }],
  topics: topics.map((slug) => ({ slug, why: [`matched ${slug}`] })),
});

const matchers: TopicMatcher[] = ['chips', 'cables', 'gone'].map((slug) => ({
  slug,
  retentionDays: 30,
  match: () => undefined,
}));
const configured = matchers.filter((m) => m.slug !== 'gone');

/**
 * The whole stream is the merge of the day stream (articles in no configured topic) and the configured topics'
 * timelines. Stored through the real timeline writer on dynalite, read back page by page.
 */
describe('the merged article stream (dynalite)', () => {
  let dynalite: Awaited<ReturnType<typeof startDynalite>>;
  beforeAll(async () => {
    dynalite = await startDynalite();
    const stored = [
      article('two-topics', 1, ['chips', 'cables']),
      article('no-topic', 2, []),
      article('chips-only', 3, ['chips']),
      article('unconfigured-topic', 4, ['gone']),
      article('cables-old', 30, ['cables']),
      article('expired', 5, ['chips'], 31 * 24),
      article('outside-window', 24 * 9, []),
      ...Array.from({ length: 6 }, (_, i) => article(`expired-${i}`, 0.5 + i * 0.01, ['cables'], 31 * 24)),
    ];
    for (const a of stored) await writeTimelineEntries(dynalite.db, a, 1, configured, 30);
    // A later version of one copy (a fold refreshed its topics' copies): the newest is served.
    await writeTimelineEntries(
      dynalite.db,
      { ...article('two-topics', 1, ['chips', 'cables']), title: 'Story two-topics, updated' },
      2,
      configured,
      30,
    );
  });
  afterAll(() => dynalite?.close());

  const readAll = async (limit: number) => {
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await listRecentArticles(dynalite.db, {
        limit,
        days: 7,
        topicSlugs: configured.map((m) => m.slug),
        now: NOW,
        ...(cursor ? { cursor } : {}),
      });
      if (!page.ok) throw new Error(page.error.message);
      pages.push(page.value.entries.map((a) => a.title));
      cursor = page.value.nextCursor;
    } while (cursor && pages.length < 20);
    return pages;
  };

  it('writes a day entry only for articles in no configured topic', async () => {
    const { Items } = await dynalite.db.doc.send(new ScanCommand({ TableName: dynalite.db.tableName }));
    const days = (Items ?? [])
      .filter((i) => String(i.pk).startsWith('DAY#'))
      .map((i) => (i.article as Article).articleId);
    expect(days.sort()).toEqual(['no-topic', 'outside-window', 'unconfigured-topic']);
  });

  it.each([1, 2, 3, 50])(
    'serves every live article of the window once, newest first, in pages of %i',
    async (limit) => {
      const pages = await readAll(limit);
      expect(pages.flat()).toEqual([
        'Story two-topics, updated',
        'Story no-topic',
        'Story chips-only',
        'Story unconfigured-topic',
        'Story cables-old',
      ]);
      for (const page of pages) expect(page.length).toBeLessThanOrEqual(limit);
    },
  );

  it('refuses a cursor it did not issue', async () => {
    const forged = Buffer.from(JSON.stringify({ pk: 'DAY#2026-11-25', sk: '2026-11-25T10' })).toString('base64url');
    const page = await listRecentArticles(dynalite.db, { limit: 5, days: 7, topicSlugs: [], cursor: forged, now: NOW });
    expect(page.ok ? 'ok' : page.error.kind).toBe('invalid-cursor');
  });
});
