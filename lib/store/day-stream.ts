import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Article } from '../model.ts';
import { err, ok, type Result } from '../result.ts';
import { decodeCursor, encodeCursor, type InvalidCursor } from './cursor.ts';
import type { Db } from './db.ts';
import { dayPartition, timelineSortKey, topicPartition } from './keys.ts';
import { type Page, SHOWN_ENTRY } from './topic-entries.ts';

const DAY_MS = 86_400_000;

/** The cursor of the merged stream names no partition: it is the sort key (time#id) of the last article served. */
export const ALL_STREAM = 'ALL';

/** The UTC days of the window, newest first: `DAY#<today>`, `DAY#<yesterday>`, … */
function recentDayPartitions(now: Date, days: number): string[] {
  return Array.from({ length: days }, (_, back) =>
    dayPartition(new Date(now.getTime() - back * DAY_MS).toISOString().slice(0, 10)),
  );
}

/** The cursor that continues the stream just after `article`. */
export const cursorAfterArticle = (article: Article) =>
  encodeCursor({ pk: ALL_STREAM, sk: timelineSortKey(article.publishedAt, article.articleId) });

/** The sort key a stream cursor continues below; cursor.ts checks its shape and that it belongs to the stream. */
function decodeStreamCursor(cursor: string | undefined): Result<string | undefined, InvalidCursor> {
  const key = decodeCursor(cursor, ALL_STREAM);
  if (!key.ok) return key;
  const sk = key.value?.sk; // absent only when there is no cursor
  if (sk === undefined || sk.length < 300) return ok(sk);
  return err({ kind: 'invalid-cursor', message: 'cursor is not one this feed issued' });
}

/**
 * Every stored article of the last `days` days, newest first. An article is written once per timeline it is in:
 * to each configured topic it belongs to, or, when it belongs to none, to the day stream (`DAY#<date>`). The whole
 * stream is therefore the merge of the window's day partitions and the configured topics' partitions — one Query
 * each, bounded to the window and to the cursor — with each article kept once, from its newest copy. Serves
 * `/feeds/all`, ad-hoc `?q=` and topic backfill.
 */
export async function listRecentArticles(
  db: Db,
  options: { limit: number; days: number; topicSlugs: readonly string[]; cursor?: string; now?: Date },
): Promise<Result<Page<Article>, InvalidCursor>> {
  const now = options.now ?? new Date();
  const before = decodeStreamCursor(options.cursor);
  if (!before.ok) return before;
  const days = recentDayPartitions(now, options.days);
  const from = days.at(-1)!.slice('DAY#'.length);
  const until = before.value ?? `${days[0]!.slice('DAY#'.length)}~`;
  if (until <= from) return ok({ entries: [] });
  const partitions = [
    ...days.filter((day) => day.slice('DAY#'.length) <= until.slice(0, 10)),
    ...[...new Set(options.topicSlugs)].map(topicPartition),
  ];
  const nowS = Math.floor(now.getTime() / 1000);
  const pages = await Promise.all(
    partitions.map((partition) =>
      db.doc.send(
        new QueryCommand({
          TableName: db.tableName,
          // Newest first below the cursor; the window's start bounds the merge below (a key condition has one
          // bound on the sort key, and a Query reads at most `limit` items, so an older item costs little).
          KeyConditionExpression: 'pk = :p AND sk < :until',
          FilterExpression: SHOWN_ENTRY,
          ExpressionAttributeValues: { ':p': partition, ':until': until, ':now': nowS },
          ScanIndexForward: false,
          Limit: options.limit,
        }),
      ),
    ),
  );
  // One article may have a copy in several topics (and an older one in its day): keep the newest version.
  const newest = new Map<string, { sk: string; version: number; article: Article }>();
  for (const item of pages.flatMap((page) => page.Items ?? [])) {
    const sk = String(item.sk);
    if (sk < from) continue; // before the window
    const version = Number(item.version ?? 0);
    const known = newest.get(sk);
    if (!known || known.version < version) newest.set(sk, { sk, version, article: item.article as Article });
  }
  // A partition that stopped at its Limit is complete only down to the last key it evaluated (expired items and
  // markers are evaluated but not returned): articles are served down to the highest such key, the rest on the next
  // page.
  const horizon = pages.reduce((high, page) => {
    const last = page.LastEvaluatedKey?.sk;
    return typeof last === 'string' && last > high ? last : high;
  }, '');
  const complete = [...newest.values()].filter((entry) => entry.sk >= horizon).sort((a, b) => b.sk.localeCompare(a.sk));
  const served = complete.slice(0, options.limit);
  const more = horizon !== '' || complete.length > served.length;
  const entries = served.map((entry) => entry.article);
  const resumeAt = served.at(-1)?.sk ?? horizon;
  return ok({ entries, ...(more ? { nextCursor: encodeCursor({ pk: ALL_STREAM, sk: resumeAt }) } : {}) });
}
