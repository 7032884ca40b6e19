import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { FeedState } from '../model.ts';
import { dueSlotPartitions, slotNumberAt } from '../schedule/poll-slots.ts';
import { batchGetAll } from './batch-get.ts';
import { isConditionFailure } from './condition-failure.ts';
import type { Db } from './db.ts';
import { dueIndexKey, feedStateKey, oneOffDuePartitions, slotPartition } from './keys.ts';
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
    ...dueIndexKey(state),
    ...state,
  };
  await db.doc.send(new PutCommand({ TableName: db.tableName, Item: item }));
}

/** A feed the scheduler found due, with the due time its message carries (see IngestJob). */
export interface DueFeed {
  readonly feedId: string;
  readonly dueAt: string;
}

const feedIdOfStateKey = (pk: unknown) => String(pk).slice('FEED#'.length);

/** One partition of the keys-only due index, every page (a partition holds at most the feeds of one slot or shard). */
async function queryDueIndex(db: Db, partition: string, dueBefore?: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: TABLE_SCHEMA.dueIndexName,
        KeyConditionExpression: dueBefore ? 'gsi1pk = :p AND gsi1sk < :due' : 'gsi1pk = :p',
        ExpressionAttributeValues: dueBefore ? { ':p': partition, ':due': `${dueBefore}~` } : { ':p': partition },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** Queries in parallel, a bounded number at a time (a long scheduler gap can mean hundreds of slot partitions). */
async function inBatches<T, R>(inputs: readonly T[], size: number, run: (input: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < inputs.length; start += size) {
    results.push(...(await Promise.all(inputs.slice(start, start + size).map(run))));
  }
  return results;
}

/**
 * Feeds due now: the one-off due times that have passed (one Query per shard) and the feeds on a cadence whose slot
 * began after `afterSlot` (one Query per slot partition, see dueSlotPartitions). Keys only: no feed state is read.
 */
export async function listDueFeeds(db: Db, now: Date, afterSlot: number): Promise<DueFeed[]> {
  const oneOff = await inBatches(oneOffDuePartitions(), 8, async (partition) =>
    (await queryDueIndex(db, partition, now.toISOString())).map((item) => ({
      feedId: feedIdOfStateKey(item.pk),
      dueAt: String(item.gsi1sk).split('#')[0] ?? '',
    })),
  );
  const slotted = await inBatches(dueSlotPartitions(afterSlot, slotNumberAt(now)), 25, async (slot) =>
    (await queryDueIndex(db, slotPartition(slot.cadenceMinutes, slot.phase))).map((item) => ({
      feedId: feedIdOfStateKey(item.pk),
      dueAt: slot.dueAt,
    })),
  );
  return [...oneOff.flat(), ...slotted.flat()].sort(
    (a, b) => a.dueAt.localeCompare(b.dueAt) || a.feedId.localeCompare(b.feedId),
  );
}

/** The states of the given feeds (the configured ones, for the sources' health page), by id; missing ones skipped. */
export async function listFeedStates(db: Db, feedIds: readonly string[]): Promise<FeedState[]> {
  const keys = [...new Set(feedIds)].map(feedStateKey);
  const { items, unprocessed } = await batchGetAll(db, keys, { attempts: 8 });
  if (unprocessed.length > 0)
    throw new Error(`feed states: ${unprocessed.length} keys still unprocessed after 8 attempts`);
  return items.map(toFeedState).sort((a, b) => a.feedId.localeCompare(b.feedId));
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
    // Keys left unanswered count as missing: the conditional put below leaves an existing state alone.
    const { items } = await batchGetAll(
      db,
      batch.map((s) => feedStateKey(s.feedId)),
      { attempts: 8, projection: 'pk' },
    );
    const existing = new Set(items.map((item) => String(item.pk)));
    for (const state of batch) {
      if (existing.has(feedStateKey(state.feedId).pk)) continue;
      try {
        await db.doc.send(
          new PutCommand({
            TableName: db.tableName,
            Item: {
              ...feedStateKey(state.feedId),
              ...dueIndexKey({ ...state, disabled: false }),
              ...state,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        seeded++;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
  }
  return seeded;
}
