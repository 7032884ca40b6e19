import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db.ts';

/** BatchGetItem takes at most this many keys per call. */
const KEYS_PER_CALL = 100;

/**
 * Reads items by key, 100 keys a call, asking again for the keys DynamoDB leaves unprocessed under load, at most
 * `attempts` calls per chunk. Returns what was found and the keys still unanswered: the caller decides whether a
 * missing answer is an error (a read that must be complete) or harmless (a later conditional write settles it).
 */
export async function batchGetAll(
  db: Db,
  keys: readonly Record<string, unknown>[],
  options: { attempts: number; projection?: string },
): Promise<{ items: Record<string, unknown>[]; unprocessed: Record<string, unknown>[] }> {
  const items: Record<string, unknown>[] = [];
  const unprocessed: Record<string, unknown>[] = [];
  for (let start = 0; start < keys.length; start += KEYS_PER_CALL) {
    let pending = keys.slice(start, start + KEYS_PER_CALL);
    for (let attempt = 0; pending.length > 0 && attempt < options.attempts; attempt++) {
      const request = { Keys: pending, ...(options.projection ? { ProjectionExpression: options.projection } : {}) };
      const result = await db.doc.send(new BatchGetCommand({ RequestItems: { [db.tableName]: request } }));
      items.push(...(result.Responses?.[db.tableName] ?? []));
      pending = (result.UnprocessedKeys?.[db.tableName]?.Keys ?? []) as Record<string, unknown>[];
    }
    unprocessed.push(...pending);
  }
  return { items, unprocessed };
}
