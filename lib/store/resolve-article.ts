import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { articleIdOf } from '../dedupe/article-id.ts';
import { canonicalizeUrl } from '../dedupe/canonical-url.ts';
import { decideFold, type FoldWhy } from '../dedupe/decide-fold.ts';
import type { DedupeItem } from '../dedupe/dedupe-item.ts';
import { shortHash } from '../dedupe/entry-key.ts';
import type { Db } from './db.ts';
import { type ClaimKind, claimKey } from './keys.ts';
import { findNearDupCandidates } from './near-dup-index.ts';

export interface Resolution {
  readonly articleId: string;
  /** How the entry found its article: its own earlier claim, a claimed URL, a near duplicate, or a new article. */
  readonly via: 'entry' | 'url' | 'near-duplicate' | 'new';
  /** For a near-duplicate fold: the decision's explanation, for logs and audits. */
  readonly why?: FoldWhy;
}

const isConditionFailure = (error: unknown) => (error as { name?: string }).name === 'ConditionalCheckFailedException';

async function readClaim(db: Db, kind: ClaimKind, hash: string): Promise<string | undefined> {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: claimKey(kind, hash), ConsistentRead: true }),
  );
  return typeof Item?.articleId === 'string' ? Item.articleId : undefined;
}

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
    return (await readClaim(db, kind, hash)) ?? articleId;
  }
}

/**
 * Which article an entry belongs to. Reads first (an entry seen before, a URL already claimed), then looks for a
 * near duplicate through the band keys, then claims — URL first, entry second, each a conditional put — so that
 * concurrent ingests of one link agree on one id without transactions, and a crash between two steps resumes to
 * the same answer: every step is a pure function of what is already stored.
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
  const entryHash = shortHash(`${input.feedId}\u0000${input.entryKey}`);
  const claimedByEntry = await readClaim(db, 'entry', entryHash);
  if (claimedByEntry) return { articleId: claimedByEntry, via: 'entry' };

  const canonical = input.item.url ? canonicalizeUrl(input.item.url) : undefined;
  const urlHash = canonical ? shortHash(canonical) : undefined;
  const claimedByUrl = urlHash ? await readClaim(db, 'url', urlHash) : undefined;
  let resolution: Resolution;
  if (claimedByUrl) {
    resolution = { articleId: claimedByUrl, via: 'url' };
  } else {
    const nearDup = await findNearDuplicate(db, input.item);
    resolution = nearDup ?? {
      articleId: articleIdOf({ url: input.item.url, feedId: input.feedId, entryKey: input.entryKey }),
      via: 'new',
    };
    if (urlHash) {
      const winner = await claimIfAbsent(db, 'url', urlHash, resolution.articleId, input.expiresAt);
      if (winner !== resolution.articleId) resolution = { articleId: winner, via: 'url' };
    }
  }
  const winner = await claimIfAbsent(db, 'entry', entryHash, resolution.articleId, input.expiresAt);
  return winner === resolution.articleId ? resolution : { articleId: winner, via: 'entry' };
}

/**
 * The earliest stored item the decision folds the arriving one into. Ties break on the article id so every
 * process picks the same article from the same candidates.
 */
async function findNearDuplicate(db: Db, item: DedupeItem): Promise<Resolution | undefined> {
  const folds = (await findNearDupCandidates(db, item))
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
