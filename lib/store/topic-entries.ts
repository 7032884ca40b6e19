import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Article } from '../model.ts';
import { err, ok, type Result } from '../result.ts';
import { decodeCursor, encodeCursor, type InvalidCursor } from './cursor.ts';
import type { Db } from './db.ts';
import { topicPartition } from './keys.ts';

export interface TopicEntry {
  readonly article: Article;
  readonly why: readonly string[];
}

export interface Page<T> {
  readonly entries: readonly T[];
  /** Opaque; pass back as `cursor` for the next (older) page. Stable when newer items arrive. */
  readonly nextCursor?: string;
}

/**
 * The timeline items a read shows: not expired (expired items stay until TTL removes them, up to days later; `:now`
 * in epoch seconds), and not the marker an absorbed article's entry becomes (it carries no article; see
 * settle-near-dup.ts).
 */
export const SHOWN_ENTRY = '(attribute_not_exists(expiresAt) OR expiresAt > :now) AND attribute_exists(article)';

/** Reads one topic's timeline partition newest first; expired items and markers are hidden. */
async function queryTimeline(
  db: Db,
  partition: string,
  options: { limit: number; cursor?: string; now?: Date },
): Promise<Result<{ items: Record<string, unknown>[]; nextCursor?: string }, InvalidCursor>> {
  const start = decodeCursor(options.cursor, partition);
  if (!start.ok) return start;
  const nowS = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const { Items, LastEvaluatedKey } = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: 'pk = :p',
      FilterExpression: SHOWN_ENTRY,
      ExpressionAttributeValues: { ':p': partition, ':now': nowS },
      ScanIndexForward: false,
      Limit: options.limit,
      ExclusiveStartKey: start.value,
    }),
  );
  return ok({ items: Items ?? [], nextCursor: encodeCursor(LastEvaluatedKey) });
}

/** A topic feed page, newest first: one Query on `TOPIC#<slug>`. */
export async function listTopicEntries(
  db: Db,
  slug: string,
  options: { limit: number; cursor?: string; now?: Date },
): Promise<Result<Page<TopicEntry>, InvalidCursor>> {
  const page = await queryTimeline(db, topicPartition(slug), options);
  if (!page.ok) return err(page.error);
  const entries = page.value.items.map((item) => ({
    article: item.article as Article,
    why: (item.why ?? []) as string[],
  }));
  return ok({ entries, nextCursor: page.value.nextCursor });
}
