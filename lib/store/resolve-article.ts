import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { articleIdOf } from '../dedupe/article-id.ts';
import { decideFold, type FoldWhy } from '../dedupe/decide-fold.ts';
import type { DedupeItem } from '../dedupe/dedupe-item.ts';
import { isConditionFailure } from './condition-failure.ts';
import type { Db } from './db.ts';
import { articleKey } from './keys.ts';
import { findNearDupCandidates, type NearDupCandidate } from './near-dup-index.ts';

export interface Resolution {
  readonly articleId: string;
  /** How the entry found its article: its own earlier claim, a claimed URL, a near duplicate, or a new article. */
  readonly via: 'entry' | 'url' | 'near-duplicate' | 'new';
  /** For a near-duplicate fold: the decision's explanation, for logs and audits. */
  readonly why?: FoldWhy;
  /** When the entry's own id holds its article: the item as the lookup read it (eventually consistent). */
  readonly stored?: Record<string, unknown>;
}

/**
 * Claims the entry's own article id for the article it folds into: a redirect item `{ absorbedInto }` under that id,
 * written with a conditional put (the first writer wins). Returns the winner: the article the redirect names, or
 * the entry's own id when a concurrent ingest created that article meanwhile (its settle step then folds the two).
 */
async function claimOwnId(db: Db, ownId: string, articleId: string, expiresAt: number): Promise<string> {
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...articleKey(ownId), absorbedInto: articleId, expiresAt },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return articleId;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const { Item } = await db.doc.send(
      new GetCommand({ TableName: db.tableName, Key: articleKey(ownId), ConsistentRead: true }),
    );
    return typeof Item?.absorbedInto === 'string' ? Item.absorbedInto : ownId;
  }
}

/**
 * Which article an entry belongs to, at the fewest writes (a write unit costs five read units):
 *
 * 1. the item under its own id — the id is a hash of the canonical URL (else of feed + entry key), so the same link
 *    from any feed lands on it. It is the article itself (created with `attribute_not_exists`: the create is the
 *    URL's claim), or a redirect left when this link or entry folded into another article, or a tombstone left
 *    when its article was absorbed; the article update follows the last two;
 * 2. else a near duplicate found in the registers of its probe keys — then its own id is claimed for that article
 *    by a redirect (conditional put, first writer wins), so a rerun or another feed carrying this link resolves
 *    without a lookup;
 * 3. else a new article under its own id.
 *
 * One eventually consistent Get reads (1), one BatchGet (2). Every step is a pure function of what is stored, so a
 * crash between two steps resumes to the same answer, and concurrent creators of one id meet in the conditional
 * create.
 */
export async function resolveArticle(
  db: Db,
  input: {
    feedId: string;
    entryKey: string;
    item: DedupeItem;
    /** Redirects expire with the article they point to (epoch seconds), so the table does not grow forever. */
    expiresAt: number;
  },
): Promise<Resolution> {
  const ownId = articleIdOf({ url: input.item.url, feedId: input.feedId, entryKey: input.entryKey });
  const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: articleKey(ownId) }));
  if (typeof Item?.absorbedInto === 'string') return { articleId: Item.absorbedInto, via: 'entry' };
  if (Item) return { articleId: ownId, via: input.item.url ? 'url' : 'entry', stored: Item };

  const nearDup = nearestFold(await findNearDupCandidates(db, input.item), input.item);
  if (!nearDup || nearDup.articleId === ownId) return { articleId: ownId, via: 'new' };
  const winner = await claimOwnId(db, ownId, nearDup.articleId, input.expiresAt);
  return winner === nearDup.articleId ? nearDup : { articleId: winner, via: 'url' };
}

/**
 * The earliest stored item the decision folds the arriving one into. Ties break on the article id so every
 * process picks the same article from the same candidates.
 */
function nearestFold(candidates: readonly NearDupCandidate[], item: DedupeItem): Resolution | undefined {
  const folds = candidates
    .map((candidate) => ({ candidate, decision: decideFold(candidate.item, item) }))
    .filter(({ decision }) => decision.duplicate)
    .sort(
      (a, b) =>
        (a.candidate.item.publishedAt ?? '').localeCompare(b.candidate.item.publishedAt ?? '') ||
        a.candidate.articleId.localeCompare(b.candidate.articleId),
    );
  const best = folds[0];
  return best ? { articleId: best.candidate.articleId, via: 'near-duplicate', why: best.decision.why } : undefined;
}
