import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type DedupeItem, ledeOf } from '../dedupe/dedupe-item.ts';
import { type NearDupKey, probedNearDupKeysOf, writtenNearDupKeysOf } from '../dedupe/near-dup-keys.ts';
import type { Db } from './db.ts';

/**
 * Near-duplicate band items: `SIM#<band>#<bits>` / `<articleId>`, carrying the few fields the fold decision reads,
 * so a candidate lookup is one Query per probe and no article read. A new article writes its few *written* keys;
 * an arriving item Queries its *probed* keys (lib/dedupe/near-dup-keys.ts: a write unit costs five read units, so
 * the lookup is asymmetric). They expire once an item that could fold into them is too late to do so on text (the
 * decision's time window, plus slack for late polls).
 */
export interface NearDupCandidate {
  readonly articleId: string;
  readonly item: DedupeItem;
}

export const NEAR_DUP_RETENTION_DAYS = 7;

export const nearDupItemKey = (key: NearDupKey, articleId: string) =>
  ({ pk: `SIM#${key.band}#${key.bits}`, sk: articleId }) as const;

/**
 * A band key shared by many articles (a boilerplate lede, a recurring headline) holds no duplicates worth finding:
 * one page of this many is read per key, so a hot key costs a bounded number of read units.
 */
const MAX_CANDIDATES_PER_KEY = 25;

/**
 * The lookup before a fold may read eventually consistent (half the read units: a candidate written a moment ago
 * and missed here is caught by the settle step); the settle step reads consistently.
 */
export async function findNearDupCandidates(
  db: Db,
  item: DedupeItem,
  options: { consistent: boolean } = { consistent: true },
): Promise<NearDupCandidate[]> {
  const byArticle = new Map<string, NearDupCandidate>();
  for (const key of probedNearDupKeysOf(item)) {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': nearDupItemKey(key, '').pk },
        ConsistentRead: options.consistent,
        Limit: MAX_CANDIDATES_PER_KEY,
      }),
    );
    for (const stored of page.Items ?? []) {
      const articleId = String(stored.sk);
      if (!byArticle.has(articleId)) byArticle.set(articleId, { articleId, item: dedupeItemOfStored(stored) });
    }
  }
  return [...byArticle.values()];
}

/** Plain puts: rewriting a band item is harmless, so a rerun after a crash simply writes it again. */
export async function writeNearDupKeys(db: Db, articleId: string, item: DedupeItem, firstSeenAt: string) {
  for (const bandItem of nearDupItemsOf(articleId, item, firstSeenAt)) {
    await db.doc.send(new PutCommand({ TableName: db.tableName, Item: bandItem }));
  }
}

/** The band items an article writes (also what the bench stores, so its read units are those of real items). */
export function nearDupItemsOf(articleId: string, item: DedupeItem, firstSeenAt: string) {
  const expiresAt = Math.floor(Date.parse(firstSeenAt) / 1000) + NEAR_DUP_RETENTION_DAYS * 86_400;
  const stored = bandPayloadOf(item);
  return writtenNearDupKeysOf(item).map((key) => ({ ...nearDupItemKey(key, articleId), ...stored, expiresAt }));
}

/** The keys of the band items an article wrote, to delete them when it is absorbed into another. */
export const writtenNearDupItemKeys = (articleId: string, item: DedupeItem) =>
  writtenNearDupKeysOf(item).map((key) => nearDupItemKey(key, articleId));

/** What a band item carries beside its key: only the lede the decision reads, so it stays under 1 KB (one unit). */
export function bandPayloadOf(item: DedupeItem): Record<string, string> {
  const summary = ledeOf(item.summary);
  return {
    title: item.title,
    ...(summary ? { summary } : {}),
    ...(item.url ? { url: item.url } : {}),
    ...(item.feedUrl ? { feedUrl: item.feedUrl } : {}),
    ...(item.publishedAt ? { publishedAt: item.publishedAt } : {}),
  };
}

function dedupeItemOfStored(stored: Record<string, unknown>): DedupeItem {
  const text = (name: string) => (typeof stored[name] === 'string' ? (stored[name] as string) : undefined);
  const summary = text('summary');
  const url = text('url');
  const feedUrl = text('feedUrl');
  const publishedAt = text('publishedAt');
  return {
    title: text('title') ?? '',
    ...(summary ? { summary } : {}),
    ...(url ? { url } : {}),
    ...(feedUrl ? { feedUrl } : {}),
    ...(publishedAt ? { publishedAt } : {}),
  };
}
