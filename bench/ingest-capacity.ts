/**
 * Consumed capacity of every store call, as DynamoDB bills it: each command is sent with
 * `ReturnConsumedCapacity: INDEXES` through a wrapper around the AWS document client (not around our code), and
 * the table and index units are summed. A conditional write that fails is billed too (1 WRU per KB) but returns
 * no ConsumedCapacity, so those are counted as 1 unit each.
 */
import type { Db } from '../lib/store/db.ts';

export interface CapacityTally {
  readUnits: number;
  writeUnits: number;
  indexWriteUnits: number;
  calls: Record<string, number>;
  /** Read units DynamoDB Local did not report and we priced by AWS rules (BatchGetItem). */
  estimatedReadUnits: number;
  /** Units by item kind (the pk prefix: ART, SIM, DAY, TOPIC, FEED), to see where the bill comes from. */
  unitsByItem: Record<string, number>;
}

export const emptyTally = (): CapacityTally => ({
  readUnits: 0,
  writeUnits: 0,
  indexWriteUnits: 0,
  estimatedReadUnits: 0,
  calls: {},
  unitsByItem: {},
});

type Units = { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number };
type Consumed = Units & { Table?: Units; GlobalSecondaryIndexes?: Record<string, Units> };

const READS = new Set(['GetCommand', 'QueryCommand', 'ScanCommand', 'BatchGetCommand']);

export function measureCapacity(db: Db): { db: Db; tally: CapacityTally; reset(): CapacityTally } {
  let tally = emptyTally();
  const original = db.doc.send.bind(db.doc) as (command: unknown) => Promise<unknown>;
  const send = async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
    const name = command.constructor.name;
    tally.calls[name] = (tally.calls[name] ?? 0) + 1;
    if (!name.startsWith('Describe') && !name.startsWith('Create')) command.input.ReturnConsumedCapacity = 'INDEXES';
    try {
      const result = (await original(command)) as { ConsumedCapacity?: Consumed | Consumed[] };
      const consumed = result.ConsumedCapacity;
      const before = tally.readUnits + tally.writeUnits + tally.indexWriteUnits;
      const readsAtStart = tally.readUnits;
      for (const entry of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
        add(tally, entry, READS.has(name));
      }
      if (name === 'BatchGetCommand') {
        // AWS bills each key like a GetItem, found or not: at least 0.5 unit eventually consistent (a unit per 4 KB
        // of a found item). DynamoDB Local reports the found items at most, and a missing key as nothing: each key
        // it did not answer with an item is charged the minimum, and the whole call never less than 0.5 per key.
        const request = command.input.RequestItems as Record<string, { Keys?: unknown[] }> | undefined;
        const keys = Object.values(request ?? {}).reduce((sum, table) => sum + (table.Keys?.length ?? 0), 0);
        const responses = (result as { Responses?: Record<string, unknown[]> }).Responses ?? {};
        const found = Object.values(responses).reduce((sum, table) => sum + table.length, 0);
        const reported = tally.readUnits - readsAtStart;
        const billed = Math.max(reported + (keys - found) * 0.5, keys * 0.5);
        tally.readUnits += billed - reported;
        tally.estimatedReadUnits += billed - reported;
      }
      if ((name === 'QueryCommand' || name === 'GetCommand') && tally.readUnits === readsAtStart) {
        // DynamoDB Local reports 0 for a Query that finds nothing and a Get of a missing item; AWS charges the
        // minimum read all the same: 1 unit strongly consistent, 0.5 eventually consistent (an upper bound, kept).
        const minimum = command.input.ConsistentRead === true ? 1 : 0.5;
        tally.readUnits += minimum;
        tally.estimatedReadUnits += minimum;
      }
      const kind = `${name.replace('Command', '')} ${itemKindOf(command.input)}`;
      tally.unitsByItem[kind] =
        (tally.unitsByItem[kind] ?? 0) + tally.readUnits + tally.writeUnits + tally.indexWriteUnits - before;
      return result;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') tally.writeUnits += 1;
      throw error;
    }
  };
  const doc = new Proxy(db.doc, {
    get: (target, property, receiver) => (property === 'send' ? send : Reflect.get(target, property, receiver)),
  });
  return {
    db: { doc, tableName: db.tableName } as Db,
    get tally() {
      return tally;
    },
    reset() {
      const previous = tally;
      tally = emptyTally();
      return previous;
    },
  };
}

/**
 * On-demand tables report `CapacityUnits` (AWS and DynamoDB Local alike); whether they are read or write units
 * follows from the command. `Table` excludes the indexes; without it the total includes them.
 */
function add(tally: CapacityTally, consumed: Consumed, isRead: boolean) {
  const unitsOf = (units: Units | undefined) =>
    (isRead ? units?.ReadCapacityUnits : units?.WriteCapacityUnits) ?? units?.CapacityUnits ?? 0;
  const indexes = Object.values(consumed.GlobalSecondaryIndexes ?? {}).reduce((sum, index) => sum + unitsOf(index), 0);
  const table = consumed.Table ? unitsOf(consumed.Table) : unitsOf(consumed) - indexes;
  if (isRead) tally.readUnits += table + indexes;
  else {
    tally.writeUnits += table;
    tally.indexWriteUnits += indexes;
  }
}

function itemKindOf(input: Record<string, unknown>): string {
  const key = (input.Item ?? input.Key) as { pk?: string } | undefined;
  const values = input.ExpressionAttributeValues as Record<string, unknown> | undefined;
  const pk =
    key?.pk ??
    (typeof values?.[':pk'] === 'string' ? values[':pk'] : undefined) ??
    (typeof values?.[':p'] === 'string' ? values[':p'] : '');
  return String(pk).split('#')[0] ?? '';
}
