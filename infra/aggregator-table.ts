import type { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { TABLE_SCHEMA, tableDefinition } from '../lib/store/table.ts';

/**
 * The single table, derived from `lib/store/table.ts` — the definition the local runner and the tests create — so
 * the deployed keys, index and projection cannot drift from what the store code was tested against.
 */
export function createAggregatorTable(scope: Construct, id: string, removalPolicy: RemovalPolicy): dynamodb.Table {
  const definition = tableDefinition('unused');
  const attributeType = (name: string): dynamodb.AttributeType => {
    const found = definition.AttributeDefinitions?.find((a) => a.AttributeName === name);
    if (found?.AttributeType !== 'S') throw new Error(`table.ts: attribute ${name} must be a string key`);
    return dynamodb.AttributeType.STRING;
  };
  const key = (name: string): dynamodb.Attribute => ({ name, type: attributeType(name) });

  const dueIndex = definition.GlobalSecondaryIndexes?.find((g) => g.IndexName === TABLE_SCHEMA.dueIndexName);
  if (dueIndex?.Projection?.ProjectionType !== 'KEYS_ONLY') {
    throw new Error(`table.ts: index ${TABLE_SCHEMA.dueIndexName} must exist with projection KEYS_ONLY`);
  }

  const table = new dynamodb.Table(scope, id, {
    partitionKey: key(TABLE_SCHEMA.partitionKey),
    sortKey: key(TABLE_SCHEMA.sortKey),
    // On demand: polling every few minutes is spiky and tiny; provisioned capacity would mostly idle.
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    timeToLiveAttribute: TABLE_SCHEMA.ttlAttribute,
    removalPolicy,
  });
  table.addGlobalSecondaryIndex({
    // Sparse: only feed-state items carry gsi1pk/gsi1sk, so the scheduler's Query reads nothing else. Keys only:
    // a state write that keeps the feed's due key (every poll on a cadence) then costs the index nothing.
    indexName: TABLE_SCHEMA.dueIndexName,
    partitionKey: key(TABLE_SCHEMA.dueIndexPartitionKey),
    sortKey: key(TABLE_SCHEMA.dueIndexSortKey),
    projectionType: dynamodb.ProjectionType.KEYS_ONLY,
  });
  return table;
}
