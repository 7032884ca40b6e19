import { BatchWriteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db.ts';
import { TABLE_SCHEMA } from './table.ts';

/** BatchWriteItem's limit. */
const BATCH = 25;

/**
 * DynamoDB deletes items whose `expiresAt` (epoch seconds) has passed, within a day or two; dynalite has no TTL,
 * so the local runner calls this periodically to the same effect. A Scan is fine here: it is a local maintenance
 * job over a laptop-sized table, never on the request path, and never used against AWS (where TTL is free).
 * Returns how many items were deleted.
 */
export async function sweepExpired(db: Db, now: Date): Promise<number> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  let deleted = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new ScanCommand({
        TableName: db.tableName,
        FilterExpression: '#ttl < :now',
        ExpressionAttributeNames: { '#ttl': TABLE_SCHEMA.ttlAttribute },
        ExpressionAttributeValues: { ':now': nowSeconds },
        ProjectionExpression: 'pk, sk',
        ExclusiveStartKey: startKey,
      }),
    );
    const keys = (page.Items ?? []).map((item) => ({ pk: item.pk, sk: item.sk }));
    for (let start = 0; start < keys.length; start += BATCH) {
      let requests = keys.slice(start, start + BATCH).map((Key) => ({ DeleteRequest: { Key } }));
      // Unprocessed deletes are retried: a sweep that silently leaves expired items would differ from real TTL.
      for (let attempt = 0; requests.length > 0 && attempt < 10; attempt++) {
        const result = await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.tableName]: requests } }));
        const unprocessed = result.UnprocessedItems?.[db.tableName] ?? [];
        deleted += requests.length - unprocessed.length;
        requests = unprocessed as typeof requests;
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return deleted;
}
