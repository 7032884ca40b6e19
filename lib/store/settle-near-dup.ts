import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { canonicalizeUrl } from '../dedupe/canonical-url.ts';
import { decideFold } from '../dedupe/decide-fold.ts';
import { type DedupeItem, dedupeItemOfEntry } from '../dedupe/dedupe-item.ts';
import { shortHash } from '../dedupe/entry-key.ts';
import type { Article } from '../model.ts';
import type { Db } from './db.ts';
import { articleKey, claimKey, dayEntryKey, topicEntryKey } from './keys.ts';
import { leaveNearDupRegisters, type NearDupCandidate } from './near-dup-index.ts';

/**
 * Two Lambdas can each create an article for one story at the same moment (different links, so no claim
 * collides, and neither sees the other's registers yet). Each joins the registers of its written keys last
 * (lib/store/near-dup-index.ts) and is told who was there before it: of two creators sharing a written key, the
 * one that joins second always learns of the first, atomically, with no read. This settles what it learned: if the
 * decision folds two live articles, the later one (by publication time, then id — the order every process computes
 * alike) is absorbed into the earlier: its sources join the survivor, its claims are re-pointed, it leaves its
 * registers, its timeline entries are deleted and its article item becomes a tombstone. Every step is idempotent
 * and the tombstone goes last, so a crash mid-way is finished by the next run (which joins again and is told the
 * same rivals).
 */
export async function settleNearDuplicates(
  db: Db,
  article: Article,
  item: DedupeItem,
  /** The articles that were in the article's registers before it joined them. */
  registerRivals: readonly NearDupCandidate[],
  fold: (winnerId: string, loser: Article) => Promise<void>,
): Promise<string> {
  const rivals = registerRivals.filter(
    (candidate) => candidate.articleId !== article.articleId && decideFold(candidate.item, item).duplicate,
  );
  if (rivals.length === 0) return article.articleId;
  const order = (a: Contender, b: Contender) =>
    (a.publishedAt ?? '').localeCompare(b.publishedAt ?? '') || a.id.localeCompare(b.id);
  const live = new Map<string, Contender>();
  for (const rival of rivals) {
    const survivor = await survivorOf(db, rival.articleId);
    if (survivor && survivor.id !== article.articleId) live.set(survivor.id, survivor);
  }
  if (live.size === 0) return article.articleId;
  const contenders = [{ id: article.articleId, publishedAt: item.publishedAt }, ...live.values()].sort(order);
  const winnerId = contenders[0]!.id;
  if (winnerId !== article.articleId) {
    await absorb(db, article.articleId, winnerId, fold);
    return winnerId;
  }
  for (const rival of live.keys()) await absorb(db, rival, winnerId, fold);
  return winnerId;
}

interface Contender {
  readonly id: string;
  readonly publishedAt?: string;
}

/**
 * The live article a rival stands for: itself, or, when another racer already absorbed it, the survivor its
 * tombstone names. A register keeps only its newest owners, so the survivor itself may have been evicted from the
 * register this article joined; following the tombstone still brings the two together.
 */
async function survivorOf(db: Db, articleId: string): Promise<Contender | undefined> {
  let id = articleId;
  for (let hop = 0; hop < 10; hop++) {
    const { Item } = await db.doc.send(
      new GetCommand({ TableName: db.tableName, Key: articleKey(id), ConsistentRead: true }),
    );
    if (!Item) return undefined; // expired, or its creator has not written it (it joins only after it has)
    if (typeof Item.absorbedInto !== 'string') return { id, publishedAt: String(Item.publishedAt) };
    id = Item.absorbedInto;
  }
  return undefined;
}

/** How long re-pointed claims and tombstones stay: past any article retention we configure by default. */
const TOMBSTONE_DAYS = 90;

/**
 * Absorbs one article into another. The loser is read fresh and the tombstone is written only if the loser is still
 * at that version: a source another ingest appended meanwhile makes the put fail, and the loop folds again with it,
 * so no outlet is lost to a stale copy.
 */
async function absorb(
  db: Db,
  loserId: string,
  winnerId: string,
  fold: (winnerId: string, loser: Article) => Promise<void>,
) {
  for (let attempt = 0; attempt < 10; attempt++) {
    const { Item } = await db.doc.send(
      new GetCommand({ TableName: db.tableName, Key: articleKey(loserId), ConsistentRead: true }),
    );
    if (!Item || typeof Item.absorbedInto === 'string') return; // gone, or absorbed by another writer
    const loser = Item as unknown as Article;
    await fold(winnerId, loser);
    // Re-pointed claims and the tombstone live as long as the absorbed article would have.
    const expiresAt = Math.floor(Date.parse(loser.firstSeenAt) / 1000) + TOMBSTONE_DAYS * 86_400;
    for (const source of loser.sources) {
      const entryClaim = claimKey('entry', shortHash(`${source.feedId}\u0000${source.entryKey}`));
      await repoint(db, entryClaim, loser.articleId, winnerId, expiresAt);
      if (source.url) {
        await repoint(
          db,
          claimKey('url', shortHash(canonicalizeUrl(source.url))),
          loser.articleId,
          winnerId,
          expiresAt,
        );
      }
    }
    await leaveNearDupRegisters(db, loser.articleId, dedupeItemOfEntry(loser, ''));
    const deletions = [
      dayEntryKey(loser.publishedAt, loser.articleId),
      ...loser.topics.map((topic) => topicEntryKey(topic.slug, loser.publishedAt, loser.articleId)),
    ];
    for (const key of deletions) await db.doc.send(new DeleteCommand({ TableName: db.tableName, Key: key }));
    // Last: a tombstone instead of the article, so a writer still holding the old id (a stale claim or band key)
    // follows it to the survivor instead of re-creating the absorbed article.
    try {
      await db.doc.send(
        new PutCommand({
          TableName: db.tableName,
          Item: { ...articleKey(loser.articleId), absorbedInto: winnerId, expiresAt },
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': Item.version ?? 0 },
        }),
      );
      return;
    } catch (error) {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
    }
  }
  throw new Error(`article ${loserId}: too much write contention while absorbing it into ${winnerId}`);
}

/** Moves a claim from the absorbed article to the survivor, unless it already points elsewhere. */
async function repoint(db: Db, key: { pk: string; sk: string }, from: string, to: string, expiresAt: number) {
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...key, articleId: to, expiresAt },
        ConditionExpression: 'attribute_not_exists(pk) OR articleId = :from',
        ExpressionAttributeValues: { ':from': from },
      }),
    );
  } catch (error) {
    if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
  }
}
