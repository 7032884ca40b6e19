/**
 * What the near-duplicate lookup costs in the store, before (the symmetric 5-key design, one Query partition per key,
 * looked up eventually consistent before a create and again consistently after it to settle races) and in use
 * (asymmetric keys in registers: one BatchGet of the probes, eventually consistent, and no second lookup, since
 * writing a register returns the article it named before), on the same 1,249 real items (dev pair items + topic dev
 * items):
 *
 * - measured on dynalite: every item's index entries are written (the real `writeNearDupRegisters` in use, the same
 *   payload under the old keys for "before"), then every item runs its lookup (the real `findNearDupCandidates`)
 *   with `ReturnConsumedCapacity`; calls and units are counted, with AWS's minimum applied (half a unit per key read
 *   eventually consistent, one per consistent Query), since dynalite bills a missing item or an empty Query 0;
 * - computed from the key design: chance candidates per arriving item on a 100,000-article table.
 */
import { BatchGetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { decideFold } from '../lib/dedupe/decide-fold.ts';
import { prepareItem } from '../lib/dedupe/dedupe-item.ts';
import type { ItemPair } from '../lib/dedupe/pair-file.ts';
import type { Db } from '../lib/store/db.ts';
import {
  bandPayloadOf,
  findNearDupCandidates,
  nearDupRegistersOf,
  writeNearDupRegisters,
} from '../lib/store/near-dup-index.ts';
import { startDynalite } from '../tests/support/dynalite.ts';
import { dynamoItemBytes } from '../tests/support/item-size.ts';
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
      const lookupRead = measured.lookupReadUnits;
      const newArticleRead = round(lookupRead + measured.settleReadUnits);
      const perNewArticleUsdMicro =
        measured.writeUnitsPerNewArticle * PRICES.writePerMillion + newArticleRead * PRICES.readPerMillion;
      const perFoldUsdMicro = lookupRead * PRICES.readPerMillion;
      const itemsPerMonth = WORKLOAD.feeds * WORKLOAD.newItemsPerFeedPerHour * 730;
      const monthly =
        itemsPerMonth *
        ((1 - WORKLOAD.duplicateShare) * perNewArticleUsdMicro + WORKLOAD.duplicateShare * perFoldUsdMicro);
      return {
        ...keys,
        dynaliteSample: {
          storedArticles: items.length,
          callsPerLookup: measured.callsPerLookup,
          readUnitsPerLookupEventuallyConsistent: lookupRead,
          readUnitsPerSettleLookupConsistent: measured.settleReadUnits,
          candidatesReturnedPerLookup: measured.candidatesPerLookup,
        },
        perNewArticle: {
          writeUnits: measured.writeUnitsPerNewArticle,
          readUnits: newArticleRead,
          usdPerMillion: round(perNewArticleUsdMicro),
        },
        // Upper bound: every chance candidate of a 100,000-article table adds its whole band payload to each lookup.
        readUnitsPerNewArticleAt100kUpperBound: round(
          newArticleRead + ((keys.chanceCandidatesPerItemAt100k * bandBytes) / 4096) * measured.lookupsPerNewArticle,
        ),
        referenceWorkloadUsdPerMonth: round(monthly / 1e6),
      };
    };
    const old = figures(legacyScheme, before);
    const now = figures(asymmetricScheme('after'), after);
    return {
      meanBandItemBytes: Math.round(bandBytes),
      method:
        'written keys and chance candidates computed from the key design; calls and units measured on dynalite ' +
        'with every item stored (the lookup also returns the item itself)',
      before: old,
      after: now,
      ratios: {
        writtenKeys: round(now.writtenKeysPerNewArticle.all / old.writtenKeysPerNewArticle.all),
        probes: round(now.queriesPerArrivingItem.mean / old.queriesPerArrivingItem.mean),
        readUnitsPerNewArticle: round(now.perNewArticle.readUnits / old.perNewArticle.readUnits),
        indexCostPerNewArticle: round(now.perNewArticle.usdPerMillion / old.perNewArticle.usdPerMillion),
      },
      savingUsdPerMonth: round(old.referenceWorkloadUsdPerMonth - now.referenceWorkloadUsdPerMonth),
    };
  } finally {
    await local.close();
  }
}

interface Measured {
  readonly callsPerLookup: number;
  readonly lookupReadUnits: number;
  /** The consistent lookup after a create (the old design's settle step; 0 in use). */
  readonly settleReadUnits: number;
  readonly lookupsPerNewArticle: number;
  readonly writeUnitsPerNewArticle: number;
  readonly candidatesPerLookup: number;
}

/** The design in use, through the store's own functions. */
async function measureInUse(db: Db, items: readonly SchemeItem[]): Promise<Measured> {
  const writes = metered(db);
  for (const [index, entry] of items.entries()) {
    await writeNearDupRegisters(writes.db, { articleId: `new${index}`, item: entry.item, firstSeenAt: FIRST_SEEN });
  }
  const reads = metered(db);
  let candidates = 0;
  for (const entry of items) {
    candidates += (await findNearDupCandidates(reads.db, entry.item)).length;
  }
  return {
    callsPerLookup: round(reads.calls / items.length),
    lookupReadUnits: round(reads.units / items.length),
    settleReadUnits: 0,
    lookupsPerNewArticle: 1,
    writeUnitsPerNewArticle: round(writes.units / items.length),
    candidatesPerLookup: round(candidates / items.length - 1),
  };
}

/** The old design: its keys, the same band payload, one Query page per key, written with one put per key. */
async function measureLegacy(db: Db, items: readonly SchemeItem[]): Promise<Measured> {
  let written = 0;
  await inChunks(items, async (entry, index) => {
    for (const key of legacyScheme.written(prepareItem(entry.item))) {
      written++;
      await db.doc.send(
        new PutCommand({
          TableName: db.tableName,
          Item: { pk: `SIM#old#${key}`, sk: `old${index}`, ...bandPayloadOf(entry.item) },
        }),
      );
    }
  });
  const meter = metered(db);
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
  const settle = round(meter.units / items.length);
  return {
    callsPerLookup: round(meter.calls / items.length),
    lookupReadUnits: round(settle / 2),
    settleReadUnits: settle,
    lookupsPerNewArticle: 2,
    writeUnitsPerNewArticle: round(written / items.length),
    candidatesPerLookup: round(candidates / items.length - 1),
  };
}

/**
 * Wraps the AWS client's `send` (not our code): every Query, BatchGet, Put and Update asks for its consumed capacity,
 * which is summed, with AWS's minimum read applied per Query and per key read. Not the ingest bench's
 * `measureCapacity`, which adds the found items' reported units to the missing keys' minimum: right on DynamoDB
 * Local, but dynalite reports more for a BatchGet than AWS bills (4.2 units per lookup here, against 2.6 at half a
 * unit per key ≤ 4 KB read eventually consistent).
 */
function metered(db: Db) {
  let calls = 0;
  let units = 0;
  const original = db.doc.send.bind(db.doc);
  const send = (async (command: { input: Record<string, unknown> }) => {
    const measuredKinds = [QueryCommand, BatchGetCommand, PutCommand, UpdateCommand];
    if (!measuredKinds.some((kind) => command instanceof kind)) return original(command as never);
    command.input.ReturnConsumedCapacity = 'TOTAL';
    const output = (await original(command as never)) as { ConsumedCapacity?: unknown };
    const consumed = [output.ConsumedCapacity]
      .flat()
      .reduce((sum: number, entry) => sum + ((entry as { CapacityUnits?: number })?.CapacityUnits ?? 0), 0);
    calls++;
    units += Math.max(minimumUnits(command), consumed);
    return output;
  }) as typeof db.doc.send;
  return {
    db: { tableName: db.tableName, doc: Object.assign(Object.create(db.doc), { send }) } as Db,
    get calls() {
      return calls;
    },
    get units() {
      return units;
    },
  };
}

function minimumUnits(command: { input: Record<string, unknown> }): number {
  if (command instanceof QueryCommand) return command.input.ConsistentRead ? 1 : 0.5;
  if (command instanceof BatchGetCommand) {
    const requests = Object.values(command.input.RequestItems as Record<string, { Keys: unknown[] }>);
    return requests.reduce((sum, request) => sum + request.Keys.length * 0.5, 0);
  }
  return 1;
}

/**
 * What one owner per register costs in recall on real items: every stored item of the dev pairs and every topic
 * item is written to the store in file order (a key later written by another story names that story), then each
 * arriving item of a fold the lookup must make (not on the same canonical URL) runs the real lookup; counted are the
 * folds whose stored item it finds.
 */
export async function lookupFoldsFoundInStore(pairs: readonly ItemPair[], items: readonly SchemeItem[]) {
  const local = await startDynalite('wirefold-bench-store-folds');
  try {
    const arriving = new Set(pairs.map((pair) => `${pair.pairId}b`));
    for (const entry of items) {
      if (arriving.has(entry.id)) continue;
      await writeNearDupRegisters(local.db, { articleId: entry.id, item: entry.item, firstSeenAt: FIRST_SEEN });
    }
    const folds = pairs.filter((pair) => {
      const decision = decideFold(prepareItem(pair.stored), prepareItem(pair.arriving));
      return decision.duplicate && !decision.why.signals.canonicalUrlsEqual;
    });
    let found = 0;
    for (const pair of folds) {
      const candidates = await findNearDupCandidates(local.db, pair.arriving);
      if (candidates.some((candidate) => candidate.articleId === `${pair.pairId}a`)) found++;
    }
    return { storedItems: items.length - arriving.size, lookupFoldsFound: `${found}/${folds.length}` };
  } finally {
    await local.close();
  }
}

/** DynamoDB's item size: attribute names plus values, UTF-8. */
function meanBandItemBytes(items: readonly SchemeItem[]): number {
  const sizes = items.flatMap(({ item }) =>
    nearDupRegistersOf('0123456789abcdef', item, FIRST_SEEN).map((register) => dynamoItemBytes(register)),
  );
  return sizes.reduce((sum, size) => sum + size, 0) / Math.max(1, sizes.length);
}

async function inChunks<T>(values: readonly T[], write: (value: T, index: number) => Promise<void>) {
  for (let start = 0; start < values.length; start += 50)
    await Promise.all(values.slice(start, start + 50).map((value, offset) => write(value, start + offset)));
}

const round = (value: number) => Math.round(value * 1000) / 1000;
