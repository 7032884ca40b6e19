import { BatchGetCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { FeedState } from '../model.ts';
import type { Db } from './db.ts';
import { allDuePartitions, DUE_SHARDS, dueIndexKey, feedStateKey } from './keys.ts';
import { TABLE_SCHEMA } from './table.ts';

const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk'] as const;

function toFeedState(item: Record<string, unknown>): FeedState {
  const state = { ...item };
  for (const key of KEY_ATTRIBUTES) delete state[key];
  return state as unknown as FeedState;
}

export async function getFeedState(db: Db, feedId: string): Promise<FeedState | undefined> {
  const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: feedStateKey(feedId) }));
  return Item ? toFeedState(Item) : undefined;
}

/** Written last in every ingest run: a crash before it means the feed is simply processed again. */
export async function putFeedState(db: Db, state: FeedState): Promise<void> {
  const item = {
    ...feedStateKey(state.feedId),
    ...dueIndexKey(state.feedId, state.nextFetchAt, state.disabled === true),
    ...state,
  };
  await db.doc.send(new PutCommand({ TableName: db.tableName, Item: item }));
}

async function queryDuePartition(db: Db, partition: string, dueBefore?: string, limit?: number) {
  const states: FeedState[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: TABLE_SCHEMA.dueIndexName,
        KeyConditionExpression: dueBefore ? 'gsi1pk = :p AND gsi1sk < :due' : 'gsi1pk = :p',
        ExpressionAttributeValues: dueBefore ? { ':p': partition, ':due': `${dueBefore}~` } : { ':p': partition },
        ExclusiveStartKey: startKey,
        ...(limit ? { Limit: limit } : {}),
      }),
    );
    for (const item of page.Items ?? []) states.push(toFeedState(item));
    startKey = page.LastEvaluatedKey;
  } while (startKey && (!limit || states.length < limit));
  return limit ? states.slice(0, limit) : states;
}

/** Feeds whose next fetch time has come: one Query per due shard, oldest first. */
export async function listDueFeeds(db: Db, now: Date, limitPerShard = 500): Promise<FeedState[]> {
  const shards = Array.from({ length: DUE_SHARDS }, (_, shard) => `DUE#${shard}`);
  const pages = await Promise.all(shards.map((p) => queryDuePartition(db, p, now.toISOString(), limitPerShard)));
  return pages.flat().sort((a, b) => a.nextFetchAt.localeCompare(b.nextFetchAt));
}

/** Every known feed, disabled ones included, for the sources' health page. */
export async function listFeedStates(db: Db): Promise<FeedState[]> {
  const pages = await Promise.all(allDuePartitions().map((p) => queryDuePartition(db, p)));
  return pages.flat().sort((a, b) => a.feedId.localeCompare(b.feedId));
}

/**
 * Makes sure every configured feed has a state item, so it appears in the due index. Existing states are
 * found with one BatchGetItem per 100 feeds (keys only); only missing ones are written, each with a
 * conditional put, so two schedulers seeding at once cannot reset each other's feeds.
 */
export async function seedFeedStates(db: Db, initial: readonly FeedState[]): Promise<number> {
  let seeded = 0;
  for (let start = 0; start < initial.length; start += 100) {
    const batch = initial.slice(start, start + 100);
    const existing = new Set<string>();
    let keys: Record<string, unknown>[] = batch.map((s) => feedStateKey(s.feedId));
    for (let attempt = 0; keys.length > 0 && attempt < 8; attempt++) {
      const result = await db.doc.send(
        new BatchGetCommand({ RequestItems: { [db.tableName]: { Keys: keys, ProjectionExpression: 'pk' } } }),
      );
      for (const item of result.Responses?.[db.tableName] ?? []) existing.add(String(item.pk));
      keys = (result.UnprocessedKeys?.[db.tableName]?.Keys ?? []) as Record<string, unknown>[];
    }
    for (const state of batch) {
      if (existing.has(feedStateKey(state.feedId).pk)) continue;
      try {
        await db.doc.send(
          new PutCommand({
            TableName: db.tableName,
            Item: {
              ...feedStateKey(state.feedId),
              ...dueIndexKey(state.feedId, state.nextFetchAt, false),
              ...state,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        seeded++;
      } catch (error) {
        if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
      }
    }
  }
  return seeded;
}
