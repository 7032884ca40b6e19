import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from './condition-failure.ts';
import type { Db } from './db.ts';
import { schedulerTickKey } from './keys.ts';

/** The last 5-minute slot the scheduler enqueued, or undefined before its first run. */
export async function readSchedulerTick(db: Db): Promise<number | undefined> {
  const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: schedulerTickKey }));
  return typeof Item?.slot === 'number' ? Item.slot : undefined;
}

/**
 * Moves the bookmark forward, never back: two overlapping runs (EventBridge delivers at least once) both enqueue,
 * which ingest tolerates, and the later slot wins. One write unit per run.
 */
export async function advanceSchedulerTick(db: Db, slot: number): Promise<void> {
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: schedulerTickKey,
        UpdateExpression: 'SET #slot = :slot',
        ConditionExpression: 'attribute_not_exists(#slot) OR #slot < :slot',
        ExpressionAttributeNames: { '#slot': 'slot' },
        ExpressionAttributeValues: { ':slot': slot },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
