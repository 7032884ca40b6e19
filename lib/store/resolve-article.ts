import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { articleIdOf } from '../dedupe/article-id.ts';
import { canonicalizeUrl } from '../dedupe/canonical-url.ts';
import { decideFold, type FoldWhy } from '../dedupe/decide-fold.ts';
import type { DedupeItem } from '../dedupe/dedupe-item.ts';
import { shortHash } from '../dedupe/entry-key.ts';
import { batchGetAll } from './batch-get.ts';
import type { Db } from './db.ts';
import { articleKey, type ClaimKind, claimKey } from './keys.ts';
import { findNearDupCandidates, type NearDupCandidate, type RegisterSeen } from './near-dup-index.ts';

export interface Resolution {
  readonly articleId: string;
  /** How the entry found its article: its own earlier claim, a claimed URL, a near duplicate, or a new article. */
  readonly via: 'entry' | 'url' | 'near-duplicate' | 'new';
  /** For a near-duplicate fold: the decision's explanation, for logs and audits. */
  readonly why?: FoldWhy;
  /** For a new article: what the near-duplicate lookup read of its registers, so joining them needs no read. */
  readonly registers?: ReadonlyMap<string, RegisterSeen>;
}

const isConditionFailure = (error: unknown) => (error as { name?: string }).name === 'ConditionalCheckFailedException';

/** Conditional put: the first writer of a key wins; everyone else learns the winner's article id. */
async function claimIfAbsent(
  db: Db,
  kind: ClaimKind,
  hash: string,
  articleId: string,
  expiresAt: number,
): Promise<string> {
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...claimKey(kind, hash), articleId, expiresAt },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return articleId;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const { Item } = await db.doc.send(
      new GetCommand({ TableName: db.tableName, Key: claimKey(kind, hash), ConsistentRead: true }),
    );
    return typeof Item?.articleId === 'string' ? Item.articleId : articleId;
  }
}

/**
 * Which article an entry belongs to, at the fewest writes (a write unit costs five read units):
 *
 * 1. its own article — the id is a hash of the canonical URL (else of feed + entry key), so the article item,
 *    created with `attribute_not_exists`, is itself the URL's claim: the same link from any feed lands on it;
 * 2. else a claim left by an earlier fold (this entry, or this link, folded into another article);
 * 3. else a near duplicate found through the band keys — then both claims are written (conditional puts, first
 *    writer wins), so a rerun or another feed carrying this link resolves to the same article without a lookup;
 * 4. else a new article under its own id (no claim items: the conditional create is the claim).
 *
 * One BatchGet reads (1)–(2). Every step is a pure function of what is stored, so a crash between two steps
 * resumes to the same answer, and concurrent creators of one id meet in the conditional create.
 */
export async function resolveArticle(
  db: Db,
  input: {
    feedId: string;
    entryKey: string;
    item: DedupeItem;
    /** Claims expire with the article they point to (epoch seconds), so the table does not grow forever. */
    expiresAt: number;
  },
): Promise<Resolution> {
  const ownId = articleIdOf({ url: input.item.url, feedId: input.feedId, entryKey: input.entryKey });
  const entryHash = shortHash(`${input.feedId}\u0000${input.entryKey}`);
  const urlHash = input.item.url ? shortHash(canonicalizeUrl(input.item.url)) : undefined;
  const keys = [articleKey(ownId), claimKey('entry', entryHash), ...(urlHash ? [claimKey('url', urlHash)] : [])];
  const found = await batchGetByPk(db, keys);
  if (found.has(keys[0]!.pk)) return { articleId: ownId, via: urlHash ? 'url' : 'entry' };
  const entryClaim = found.get(keys[1]!.pk)?.articleId;
  const urlClaim = keys[2] ? found.get(keys[2].pk)?.articleId : undefined;
  const claimed = typeof entryClaim === 'string' ? entryClaim : typeof urlClaim === 'string' ? urlClaim : undefined;
  if (claimed) {
    // A crash may have left one of the two claims unwritten: complete them, as the first run would have.
    if (urlHash && urlClaim === undefined) await claimIfAbsent(db, 'url', urlHash, claimed, input.expiresAt);
    if (entryClaim === undefined) await claimIfAbsent(db, 'entry', entryHash, claimed, input.expiresAt);
    return { articleId: claimed, via: 'entry' };
  }

  const { candidates, registers } = await findNearDupCandidates(db, input.item);
  const nearDup = nearestFold(candidates, input.item);
  if (!nearDup || nearDup.articleId === ownId) return { articleId: ownId, via: 'new', registers };
  let resolution: Resolution = nearDup;
  if (urlHash) {
    const winner = await claimIfAbsent(db, 'url', urlHash, resolution.articleId, input.expiresAt);
    if (winner !== resolution.articleId) resolution = { articleId: winner, via: 'url' };
  }
  const winner = await claimIfAbsent(db, 'entry', entryHash, resolution.articleId, input.expiresAt);
  return winner === resolution.articleId ? resolution : { articleId: winner, via: 'entry' };
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

/** BatchGet until every key is answered (DynamoDB may leave some unprocessed under load). */
async function batchGetByPk(db: Db, keys: readonly { pk: string; sk: string }[]) {
  const { items, unprocessed } = await batchGetAll(db, keys, { attempts: 10, projection: 'pk, articleId' });
  if (unprocessed.length > 0) throw new Error('BatchGet kept leaving keys unprocessed');
  return new Map(items.map((item) => [String(item.pk), item]));
}
