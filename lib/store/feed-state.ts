import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
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
