import { CreateTableCommand, type CreateTableCommandInput, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { Db } from './db.ts';

/** Attribute names shared with the CDK construct, so the deployed table and the local one cannot drift. */
export const TABLE_SCHEMA = {
  partitionKey: 'pk',
  sortKey: 'sk',
  dueIndexName: 'gsi1',
  dueIndexPartitionKey: 'gsi1pk',
  dueIndexSortKey: 'gsi1sk',
  ttlAttribute: 'expiresAt',
} as const;

export function tableDefinition(tableName: string): CreateTableCommandInput {
  const s = TABLE_SCHEMA;
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: s.partitionKey, AttributeType: 'S' },
      { AttributeName: s.sortKey, AttributeType: 'S' },
      { AttributeName: s.dueIndexPartitionKey, AttributeType: 'S' },
      { AttributeName: s.dueIndexSortKey, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: s.partitionKey, KeyType: 'HASH' },
      { AttributeName: s.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: s.dueIndexName,
        KeySchema: [
          { AttributeName: s.dueIndexPartitionKey, KeyType: 'HASH' },
          { AttributeName: s.dueIndexSortKey, KeyType: 'RANGE' },
        ],
        // The scheduler needs only the feed id and due time, both in the keys. With nothing else projected, a state
        // write that keeps its due key (a feed on a cadence, see lib/schedule/poll-slots.ts) costs the index nothing.
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
    ],
  };
}

/** Creates the table unless it exists (local runner and tests; in AWS the CDK stack owns it). */
export async function ensureTable(db: Db): Promise<void> {
  try {
    await db.doc.send(new DescribeTableCommand({ TableName: db.tableName }));
    return;
  } catch (error) {
    if ((error as { name?: string }).name !== 'ResourceNotFoundException') throw error;
  }
  await db.doc.send(new CreateTableCommand(tableDefinition(db.tableName)));
  for (let attempt = 0; attempt < 100; attempt++) {
    const { Table } = await db.doc.send(new DescribeTableCommand({ TableName: db.tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`table ${db.tableName} did not become ACTIVE`);
}
