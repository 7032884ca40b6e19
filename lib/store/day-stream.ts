import type { Article } from '../model.ts';
import { err, ok, type Result } from '../result.ts';
import { cursorPartition, encodeCursor, type InvalidCursor } from './cursor.ts';
import type { Db } from './db.ts';
import { dayPartition } from './keys.ts';
import { type Page, queryTimeline } from './topic-entries.ts';

const DAY_MS = 86_400_000;

/** The UTC days of the window, newest first: `DAY#<today>`, `DAY#<yesterday>`, … */
export function recentDayPartitions(now: Date, days: number): string[] {
  return Array.from({ length: days }, (_, back) =>
    dayPartition(new Date(now.getTime() - back * DAY_MS).toISOString().slice(0, 10)),
  );
}

/**
 * Every stored article of the last `days` days, newest first, across day partitions (one Query per day
 * touched). Serves `/feeds/all`, ad-hoc `?q=` and topic backfill.
 */
export async function listRecentArticles(
  db: Db,
  options: { limit: number; days: number; cursor?: string; now?: Date },
): Promise<Result<Page<Article>, InvalidCursor>> {
  const now = options.now ?? new Date();
  const partitions = recentDayPartitions(now, options.days);
  let index = 0;
  let cursor = options.cursor;
  if (cursor) {
    index = partitions.indexOf(cursorPartition(cursor) ?? '');
    if (index < 0) return err({ kind: 'invalid-cursor', message: 'cursor is outside the requested window' });
  }
  const entries: Article[] = [];
  for (; index < partitions.length && entries.length < options.limit; index++) {
    const partition = partitions[index]!;
    const page = await queryTimeline(db, partition, { limit: options.limit - entries.length, cursor, now });
    if (!page.ok) return page;
    for (const item of page.value.items) entries.push(item.article as Article);
    if (page.value.nextCursor) return ok({ entries, nextCursor: page.value.nextCursor });
    cursor = undefined;
  }
  const more = index < partitions.length;
  const nextCursor = more && entries.length > 0 ? encodeCursor({ pk: partitions[index], sk: '~' }) : undefined;
  return ok({ entries, nextCursor });
}
