/**
 * What the near-duplicate lookup costs in the store, before (the symmetric 5-key design) and after (asymmetric:
 * few written keys, more probes), on the same 1,249 real items (dev pair items + topic dev items):
 *
 * - measured on dynalite: every item's band items are stored (the real `writeNearDupKeys` for the design in use,
 *   the same payload under the old keys for "before"), then every item runs its lookup (the real
 *   `findNearDupCandidates`) with `ReturnConsumedCapacity`; Query calls and read units are counted, with AWS's
 *   minimum of one unit (half, eventually consistent) per Query applied, since dynalite bills an empty Query 0;
 * - computed from the key design: chance candidates per arriving item on a 100,000-article table.
 *
 * A new article pays its written keys, the lookup before it is created (eventually consistent) and the settle
 * lookup after (consistent, the same Queries); an item folded into a stored article pays the first lookup only.
 */
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { prepareItem } from '../lib/dedupe/dedupe-item.ts';
import type { Db } from '../lib/store/db.ts';
import { bandPayloadOf, findNearDupCandidates, nearDupItemsOf, writeNearDupKeys } from '../lib/store/near-dup-index.ts';
import { startDynalite } from '../tests/support/dynalite.ts';
import { asymmetricScheme, type KeyScheme, keyFigures, legacyScheme, type SchemeItem } from './dedupe-key-schemes.ts';
import { PRICES, WORKLOAD } from './ingest-cost-model.ts';

const FIRST_SEEN = '2024-06-01T00:00:00.000Z';
const PAGE = 25;

export async function candidateLookupCost(items: readonly SchemeItem[]) {
  const prepared = items.map((entry) => ({ ...entry, prepared: prepareItem(entry.item) }));
  const bandBytes = meanBandItemBytes(items);
  const local = await startDynalite('wirefold-bench-candidates');
  try {
    const before = await measureLegacy(local.db, items);
    const after = await measureInUse(local.db, items);
    const figures = (scheme: KeyScheme, measured: Measured) => {
      const keys = keyFigures(scheme, prepared);
      const writes = keys.writtenKeysPerNewArticle.all;
      const lookupRead = round(measured.settleReadUnits / 2);
      const perNewArticleUsdMicro =
        writes * PRICES.writePerMillion + (lookupRead + measured.settleReadUnits) * PRICES.readPerMillion;
      const perFoldUsdMicro = lookupRead * PRICES.readPerMillion;
      const itemsPerMonth = WORKLOAD.feeds * WORKLOAD.newItemsPerFeedPerHour * 730;
      const monthly =
        itemsPerMonth *
        ((1 - WORKLOAD.duplicateShare) * perNewArticleUsdMicro + WORKLOAD.duplicateShare * perFoldUsdMicro);
      return {
        ...keys,
        dynaliteSample: {
          storedArticles: items.length,
          queryCallsPerLookup: measured.queriesPerLookup,
          readUnitsPerLookupEventuallyConsistent: lookupRead,
          readUnitsPerSettleLookupConsistent: measured.settleReadUnits,
          candidatesReturnedPerLookup: measured.candidatesPerLookup,
        },
        perNewArticle: {
          writeUnits: writes,
          readUnits: round(lookupRead + measured.settleReadUnits),
          usdPerMillion: round(perNewArticleUsdMicro),
        },
        // Upper bound: every chance candidate of a 100,000-article table adds its whole band item to both lookups.
        readUnitsPerNewArticleAt100kUpperBound: round(
          lookupRead + measured.settleReadUnits + ((keys.chanceCandidatesPerItemAt100k * bandBytes) / 4096) * 1.5,
        ),
        referenceWorkloadUsdPerMonth: round(monthly / 1e6),
      };
    };
    const old = figures(legacyScheme, before);
    const now = figures(asymmetricScheme('after'), after);
    return {
      meanBandItemBytes: Math.round(bandBytes),
      method:
        'written keys and chance candidates computed from the key design; Query calls and read units measured on ' +
        'dynalite with every item stored (the lookup also returns the item itself)',
      before: old,
      after: now,
      ratios: {
        writtenKeys: round(now.writtenKeysPerNewArticle.all / old.writtenKeysPerNewArticle.all),
        queries: round(now.queriesPerArrivingItem.mean / old.queriesPerArrivingItem.mean),
        indexCostPerNewArticle: round(now.perNewArticle.usdPerMillion / old.perNewArticle.usdPerMillion),
      },
      savingUsdPerMonth: round(old.referenceWorkloadUsdPerMonth - now.referenceWorkloadUsdPerMonth),
    };
  } finally {
    await local.close();
  }
}

interface Measured {
  readonly queriesPerLookup: number;
  readonly settleReadUnits: number;
  readonly candidatesPerLookup: number;
}

/** The design in use, through the store's own functions. */
async function measureInUse(db: Db, items: readonly SchemeItem[]): Promise<Measured> {
  await inChunks(items, (entry, index) => writeNearDupKeys(db, `new${index}`, entry.item, FIRST_SEEN));
  const meter = meteredQueries(db);
  let candidates = 0;
  for (const entry of items) candidates += (await findNearDupCandidates(meter.db, entry.item)).length;
  return meter.figures(items.length, candidates);
}

/** The old design: its keys, the same band payload, the same one-page Query per key. */
async function measureLegacy(db: Db, items: readonly SchemeItem[]): Promise<Measured> {
  await inChunks(items, async (entry, index) => {
    for (const key of legacyScheme.written(prepareItem(entry.item)))
      await db.doc.send(
        new PutCommand({
          TableName: db.tableName,
          Item: { pk: `SIM#old#${key}`, sk: `old${index}`, ...bandPayloadOf(entry.item) },
        }),
      );
  });
  const meter = meteredQueries(db);
  let candidates = 0;
  for (const entry of items) {
    const found = new Set<string>();
    for (const key of legacyScheme.probed(prepareItem(entry.item))) {
      const page = await meter.db.doc.send(
        new QueryCommand({
          TableName: db.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `SIM#old#${key}` },
          ConsistentRead: true,
          Limit: PAGE,
        }),
      );
      for (const stored of page.Items ?? []) found.add(String(stored.sk));
    }
    candidates += found.size;
  }
  return meter.figures(items.length, candidates);
}

/** Wraps the AWS client's `send` (not our code): every Query asks for its consumed capacity, which is summed. */
function meteredQueries(db: Db) {
  let queries = 0;
  let units = 0;
  const original = db.doc.send.bind(db.doc);
  const send = (async (command: { input: Record<string, unknown> }) => {
    if (!(command instanceof QueryCommand)) return original(command as never);
    command.input.ReturnConsumedCapacity = 'TOTAL';
    const output = await original(command);
    const minimum = command.input.ConsistentRead ? 1 : 0.5;
    queries++;
    units += Math.max(minimum, output.ConsumedCapacity?.CapacityUnits ?? 0);
    return output;
  }) as typeof db.doc.send;
  return {
    db: { tableName: db.tableName, doc: Object.assign(Object.create(db.doc), { send }) } as Db,
    figures: (lookups: number, candidates: number): Measured => ({
      queriesPerLookup: round(queries / lookups),
      settleReadUnits: round(units / lookups),
      // Every item is stored, so each lookup also finds the item itself.
      candidatesPerLookup: round(candidates / lookups - 1),
    }),
  };
}

/** DynamoDB's item size: attribute names plus values, UTF-8. */
function meanBandItemBytes(items: readonly SchemeItem[]): number {
  const sizes = items.flatMap(({ item }) =>
    nearDupItemsOf('0123456789abcdef', item, FIRST_SEEN).map((band) =>
      Object.entries(band).reduce(
        (sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(String(value)),
        0,
      ),
    ),
  );
  return sizes.reduce((sum, size) => sum + size, 0) / Math.max(1, sizes.length);
}

async function inChunks<T>(values: readonly T[], write: (value: T, index: number) => Promise<void>) {
  for (let start = 0; start < values.length; start += 50)
    await Promise.all(values.slice(start, start + 50).map((value, offset) => write(value, start + offset)));
}

const round = (value: number) => Math.round(value * 1000) / 1000;
