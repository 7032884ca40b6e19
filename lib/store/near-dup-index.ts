import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { type DedupeItem, ledeOf } from '../dedupe/dedupe-item.ts';
import { type NearDupKey, probedNearDupKeysOf, writtenNearDupKeysOf } from '../dedupe/near-dup-keys.ts';
import { batchGetAll } from './batch-get.ts';
import type { Db } from './db.ts';

/**
 * Near-duplicate registers: one item per band key, `SIM#<band>#<bits>` / `K`, naming the article that wrote that key
 * last, with the few fields the fold decision reads. A new article writes its few *written* keys; an arriving item
 * reads its *probed* keys (lib/dedupe/near-dup-keys.ts: a write unit costs five read units, so the lookup is
 * asymmetric) with one eventually consistent BatchGet and no article read.
 *
 * One item per key is what makes races cheap: an article writes its register with a put that returns the item it
 * replaced, so of two creators writing one key, the second is told about the first, atomically, and no consistent
 * re-read of the probes is needed afterwards (lib/store/settle-near-dup.ts). One owner per key is what keeps the
 * cost flat: every write is one item under 1 KB, one write unit, however many stories share the key. The price is
 * that a key many stories write (a boilerplate phrase, a recurring headline) finds only its latest writer: copies of
 * a story arrive within hours, and its other key still finds it. Registers expire with the decision's time window,
 * plus slack for late polls.
 */
export interface NearDupCandidate {
  readonly articleId: string;
  readonly item: DedupeItem;
}

export const NEAR_DUP_RETENTION_DAYS = 7;

export const nearDupRegisterKey = (key: NearDupKey) => ({ pk: `SIM#${key.band}#${key.bits}`, sk: 'K' }) as const;

/**
 * The stored articles that last wrote the arriving item's probe keys: one BatchGet, eventually consistent (half the
 * read units; a creator racing this one is told about it when one of them writes a key the other wrote).
 */
export async function findNearDupCandidates(db: Db, item: DedupeItem): Promise<NearDupCandidate[]> {
  const keys = probedNearDupKeysOf(item).map(nearDupRegisterKey);
  const { items, unprocessed } = await batchGetAll(db, keys, { attempts: 10 });
  if (unprocessed.length > 0) throw new Error('BatchGet kept leaving near-duplicate registers unprocessed');
  const byArticle = new Map<string, NearDupCandidate>();
  for (const register of items) {
    const candidate = candidateOf(register);
    if (candidate && !byArticle.has(candidate.articleId)) byArticle.set(candidate.articleId, candidate);
  }
  return [...byArticle.values()];
}

/**
 * Writes the article's registers and returns the articles they named before (its possible rivals in a race).
 * Writing its own register again is harmless, so a rerun after a crash simply writes again and is told who wrote
 * the key in between.
 */
export async function writeNearDupRegisters(
  db: Db,
  input: { articleId: string; item: DedupeItem; firstSeenAt: string },
): Promise<NearDupCandidate[]> {
  const rivals = new Map<string, NearDupCandidate>();
  for (const register of nearDupRegistersOf(input.articleId, input.item, input.firstSeenAt)) {
    const { Attributes } = await db.doc.send(
      new PutCommand({ TableName: db.tableName, Item: register, ReturnValues: 'ALL_OLD' }),
    );
    const before = Attributes ? candidateOf(Attributes) : undefined;
    if (before && before.articleId !== input.articleId) rivals.set(before.articleId, before);
  }
  return [...rivals.values()];
}

/** The register items an article writes (also what the benches store, so their units are those of real items). */
export function nearDupRegistersOf(articleId: string, item: DedupeItem, firstSeenAt: string) {
  const expiresAt = Math.floor(Date.parse(firstSeenAt) / 1000) + NEAR_DUP_RETENTION_DAYS * 86_400;
  const payload = bandPayloadOf(item);
  return writtenNearDupKeysOf(item).map((key) => ({ ...nearDupRegisterKey(key), articleId, ...payload, expiresAt }));
}

/** What a register carries beside its key: only what the decision reads, so it stays under 1 KB (one write unit). */
export function bandPayloadOf(item: DedupeItem): Record<string, string> {
  const summary = ledeOf(item.summary);
  return {
    title: item.title,
    ...(summary ? { summary } : {}),
    ...(item.url ? { url: item.url } : {}),
    ...(item.publishedAt ? { publishedAt: item.publishedAt } : {}),
  };
}

function candidateOf(register: Record<string, unknown>): NearDupCandidate | undefined {
  const text = (name: string) => (typeof register[name] === 'string' ? (register[name] as string) : undefined);
  const articleId = text('articleId');
  if (!articleId) return undefined;
  const summary = text('summary');
  const url = text('url');
  const publishedAt = text('publishedAt');
  return {
    articleId,
    item: {
      title: text('title') ?? '',
      ...(summary ? { summary } : {}),
      ...(url ? { url } : {}),
      ...(publishedAt ? { publishedAt } : {}),
    },
  };
}
