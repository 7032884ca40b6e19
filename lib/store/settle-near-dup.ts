import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { articleIdOf } from '../dedupe/article-id.ts';
import { decideFold } from '../dedupe/decide-fold.ts';
import { type DedupeItem, dedupeItemOfEntry } from '../dedupe/dedupe-item.ts';
import type { Article } from '../model.ts';
import { isConditionFailure } from './condition-failure.ts';
import type { Db } from './db.ts';
import { articleKey, dayEntryKey, topicEntryKey } from './keys.ts';
import type { RegisterWrite } from './near-dup-index.ts';

/**
 * Two Lambdas can each create an article for one story at the same moment (different links, so no claim
 * collides, and neither sees the other's registers yet). Each writes the registers of its written keys last
 * (lib/store/near-dup-index.ts) and is told which article each named before: of two creators writing one key, the
 * second is always told of the first, atomically, with no read. This settles what it learned: if the decision folds
 * two live articles, the later one (by publication time, then id — the order every process computes alike) is
 * absorbed into the earlier: its sources join the survivor, the redirects of its folded outlets are re-pointed, its
 * timeline entries are deleted and its article item becomes a tombstone. Its registers keep naming it: a lookup or a
 * later writer that meets it follows the tombstone to the survivor, so a run of racers writing one key, each told of
 * the one just before it, always ends in one article. Every step is idempotent and the tombstone goes last, so a
 * crash mid-way is finished by the next run.
 */
export async function settleNearDuplicates(
  db: Db,
  article: Article,
  item: DedupeItem,
  /** What writing the article's registers taught it: who they named before, or, on a rerun, whom they remember. */
  learned: RegisterWrite,
  fold: (winnerId: string, loser: Article) => Promise<void>,
): Promise<string> {
  const folds = (rival: DedupeItem) => decideFold(rival, item).duplicate;
  const group = [article.articleId];
  for (const rival of learned.told)
    if (rival.articleId !== article.articleId && folds(rival.item)) group.push(rival.articleId);
  // A remembered id comes without its text: the decision reads the article it stands for now.
  for (const id of learned.recalled) {
    const survivor = await survivorOf(db, id);
    if (survivor && survivor.id !== article.articleId && folds(dedupeItemOfEntry(survivor.article, ''))) {
      group.push(survivor.id);
    }
  }
  if (group.length === 1) return article.articleId;
  const order = (a: Contender, b: Contender) =>
    (a.publishedAt ?? '').localeCompare(b.publishedAt ?? '') || a.id.localeCompare(b.id);
  // Union by survivors: another racer may absorb one of the group into a third article meanwhile, so each round
  // merges the live survivors the group stands for, until one is left.
  for (let round = 0; round < 10; round++) {
    const survivors = new Map<string, Contender>();
    for (const id of group) {
      const survivor = await survivorOf(db, id);
      if (survivor) survivors.set(survivor.id, survivor);
    }
    const [winner, ...losers] = [...survivors.values()].sort(order);
    if (!winner) return article.articleId;
    if (losers.length === 0) return winner.id;
    for (const loser of losers) await absorb(db, loser.id, winner.id, fold);
  }
  throw new Error(`article ${article.articleId}: its near duplicates kept moving while they were being merged`);
}

interface Contender {
  readonly id: string;
  readonly publishedAt?: string;
  readonly article: Article;
}

/**
 * The live article a rival stands for: itself, or, when another racer already absorbed it, the survivor its
 * tombstone names (a register keeps naming an absorbed article; following the tombstone brings the two together).
 */
async function survivorOf(db: Db, articleId: string): Promise<Contender | undefined> {
  let id = articleId;
  for (let hop = 0; hop < 10; hop++) {
    const { Item } = await db.doc.send(
      new GetCommand({ TableName: db.tableName, Key: articleKey(id), ConsistentRead: true }),
    );
    if (!Item) return undefined; // expired (an article writes its registers only after it exists)
    if (typeof Item.absorbedInto !== 'string') {
      return { id, publishedAt: String(Item.publishedAt), article: Item as unknown as Article };
    }
    id = Item.absorbedInto;
  }
  return undefined;
}

/** The version of an absorbed article's timeline marker: above any version a copy of the article can carry. */
const ABSORBED_ENTRY_VERSION = Number.MAX_SAFE_INTEGER;

/** How long re-pointed redirects and tombstones stay: past any article retention we configure by default. */
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
    // Re-pointed redirects and the tombstone live as long as the absorbed article would have.
    const expiresAt = Math.floor(Date.parse(loser.firstSeenAt) / 1000) + TOMBSTONE_DAYS * 86_400;
    // The redirects its folded outlets left under their own ids now name the survivor (the loser's own id becomes
    // the tombstone below; a chain would be followed anyway, this keeps it one hop long).
    for (const { url, feedId, entryKey } of loser.sources) {
      if (!url && entryKey === undefined) continue;
      const sourceId = articleIdOf({ url, feedId, entryKey: entryKey ?? '' });
      if (sourceId !== loser.articleId) await repoint(db, sourceId, loser.articleId, winnerId, expiresAt);
    }
    // Its timeline entries become markers no read shows, at a version no copy can beat: a writer that folded into
    // the loser a moment ago may still be writing its copy of an entry, and its conditional put (`version <= :v`)
    // must not bring back a deleted one.
    // (The day entry too: the loser had one if none of its topics was configured, which this step cannot tell.)
    const timeline = [
      dayEntryKey(loser.publishedAt, loser.articleId),
      ...loser.topics.map((topic) => topicEntryKey(topic.slug, loser.publishedAt, loser.articleId)),
    ];
    for (const key of timeline) {
      await db.doc.send(
        new PutCommand({
          TableName: db.tableName,
          Item: { ...key, absorbedInto: winnerId, version: ABSORBED_ENTRY_VERSION, expiresAt },
        }),
      );
    }
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
      if (!isConditionFailure(error)) throw error;
    }
  }
  throw new Error(`article ${loserId}: too much write contention while absorbing it into ${winnerId}`);
}

/** Moves a redirect from the absorbed article to the survivor, unless it names another article (or is one). */
async function repoint(db: Db, sourceId: string, from: string, to: string, expiresAt: number) {
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...articleKey(sourceId), absorbedInto: to, expiresAt },
        ConditionExpression: 'attribute_not_exists(pk) OR absorbedInto = :from',
        ExpressionAttributeValues: { ':from': from },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
