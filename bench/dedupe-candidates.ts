/**
 * Store reads per arriving item for the near-duplicate candidate lookup. Each near-dup key of the arriving item is
 * one Query on `SIM#<band>#<bits>` (sk = articleId), so the number of calls is the number of keys — fixed by the
 * band design, independent of table size. Table size only changes how many *candidates* those Queries return
 * (items sharing a key by chance); that rate is measured on every pair of unrelated real items we have and
 * extrapolated to 100,000 stored articles, then the call count is verified against dynalite on the small table.
 */
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DedupeItem } from '../lib/dedupe/dedupe-item.ts';
import { nearDupKeyString, nearDupKeysOf } from '../lib/dedupe/near-dup-keys.ts';
import { startDynalite } from '../tests/support/dynalite.ts';

const TABLE_ARTICLES = 100_000;

export async function candidateLookupCost(items: readonly { id: string; group: string; item: DedupeItem }[]) {
  const keysOf = items.map(({ item }) => nearDupKeysOf(item).map(nearDupKeyString));
  const keyCounts = keysOf.map((keys) => keys.length);
  const holders = new Map<string, number[]>();
  keysOf.forEach((keys, index) => {
    for (const key of keys) holders.set(key, [...(holders.get(key) ?? []), index]);
  });
  // Chance candidates: pairs sharing a key although they are not from the same labeled pair (group).
  let chancePairs = 0;
  const seen = new Set<string>();
  for (const indexes of holders.values()) {
    for (let i = 0; i < indexes.length; i++)
      for (let j = i + 1; j < indexes.length; j++) {
        const [a, b] = [indexes[i]!, indexes[j]!];
        const id = `${a}:${b}`;
        if (seen.has(id) || items[a]?.group === items[b]?.group || items[a]?.id === items[b]?.id) continue;
        seen.add(id);
        chancePairs++;
      }
  }
  const allPairs = (items.length * (items.length - 1)) / 2;
  const chanceRate = chancePairs / allPairs;
  const verified = await verifyOnDynalite(keysOf);
  return {
    method: 'computed from the band design (one Query per key) and verified on dynalite with the sample table',
    keysPerArrivingItem: { mean: round(mean(keyCounts)), max: Math.max(...keyCounts) },
    queriesPerArrivingItem100k: round(mean(keyCounts)),
    chanceCandidatePairRate: chanceRate,
    expectedChanceCandidatesPerItemAt100k: round(chanceRate * TABLE_ARTICLES),
    readUnitsPerArrivingItemAt100k: round(mean(keyCounts) * 0.5),
    dynaliteSample: verified,
  };
}

async function verifyOnDynalite(keysOf: readonly string[][]) {
  const local = await startDynalite('wirefold-bench-candidates');
  try {
    const { db } = local;
    for (const [index, keys] of keysOf.entries()) {
      for (const key of keys) {
        await db.doc.send(new PutCommand({ TableName: db.tableName, Item: { pk: `SIM#${key}`, sk: `a${index}` } }));
      }
    }
    let queries = 0;
    let returned = 0;
    for (const keys of keysOf) {
      for (const key of keys) {
        const page = await db.doc.send(
          new QueryCommand({
            TableName: db.tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': `SIM#${key}` },
          }),
        );
        queries++;
        returned += page.Count ?? 0;
      }
    }
    return {
      storedArticles: keysOf.length,
      storedKeyItems: keysOf.flat().length,
      queryCallsPerArrivingItem: round(queries / keysOf.length),
      candidatesReturnedPerArrivingItem: round(returned / keysOf.length - mean(keysOf.map((k) => k.length))),
    };
  } finally {
    await local.close();
  }
}

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
const round = (value: number) => Math.round(value * 1000) / 1000;
