import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { feedStateKey, oneOffDuePartitions, schedulerTickKey, slotPartition } from '../lib/store/keys.ts';
import { TABLE_SCHEMA } from '../lib/store/table.ts';
import type { FunctionName } from './bundle-settings.ts';

/** Partition-key patterns of the scheduler's items and of the due index, taken from the store's own key builders. */
const prefixOf = (key: string) => `${key.split('#')[0]}#*`;
const SCHEDULER_ITEM_KEYS = [`${feedStateKey('').pk}*`, schedulerTickKey.pk];
const DUE_INDEX_KEYS = [prefixOf(oneOffDuePartitions()[0]!), prefixOf(slotPartition(15, 0))];

export interface TableAccess {
  readonly table: string[];
  readonly dueIndex: string[];
  /** When set, the statements only match items whose partition key matches (`dynamodb:LeadingKeys`). */
  readonly leadingKeys?: { readonly table: readonly string[]; readonly dueIndex: readonly string[] };
}

/**
 * Per-function DynamoDB actions: the whole least-privilege story in one table. The scheduler reads the due index,
 * seeds missing feed states (conditional puts) and moves its own bookmark — and can touch nothing but those items;
 * the API only reads (feed states by key, not the index); only ingest writes articles, redirects, registers and
 * timelines.
 */
export const TABLE_ACCESS: Record<FunctionName, TableAccess> = {
  schedule: {
    table: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
    dueIndex: ['dynamodb:Query'],
    leadingKeys: { table: SCHEDULER_ITEM_KEYS, dueIndex: DUE_INDEX_KEYS },
  },
  // Ingest reads and writes items by key only: the near-duplicate lookup is a BatchGet of registers, a register is
  // written with an update (it shifts its previous owner into its history), every other write is a (conditional)
  // put; an absorbed article's timeline entries are overwritten with markers, never deleted.
  ingest: {
    table: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
    dueIndex: [],
  },
  api: { table: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'], dueIndex: [] },
};

/** Adds the function's table statements to its role: exact actions, the table or the due index, optional key prefix. */
export function grantTableAccess(role: iam.IRole, table: dynamodb.ITable, access: TableAccess): void {
  const onlyKeys = (patterns: readonly string[] | undefined) =>
    patterns ? { conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...patterns] } } } : {};
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: access.table,
      resources: [table.tableArn],
      ...onlyKeys(access.leadingKeys?.table),
    }),
  );
  if (access.dueIndex.length > 0) {
    const indexArn = `${table.tableArn}/index/${TABLE_SCHEMA.dueIndexName}`;
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: access.dueIndex,
        resources: [indexArn],
        ...onlyKeys(access.leadingKeys?.dueIndex),
      }),
    );
  }
}
