import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type DedupeItem, ledeOf } from '../dedupe/dedupe-item.ts';
import { type NearDupKey, probedNearDupKeysOf, writtenNearDupKeysOf } from '../dedupe/near-dup-keys.ts';
import { batchGetAll } from './batch-get.ts';
import { isConditionFailure } from './condition-failure.ts';
import type { Db } from './db.ts';

/**
 * Near-duplicate registers: one item per band key, `SIM#<band>#<bits>` / `K`, naming the article that wrote that key
 * last, with the few fields the fold decision reads, and the ids of the three it named before. A new article writes
 * its few *written* keys; an arriving item reads its *probed* keys (lib/dedupe/near-dup-keys.ts: a write unit costs
 * five read units, so the lookup is asymmetric) with one eventually consistent BatchGet and no article read.
 *
 * One item per key is what makes races cheap: an article writes its register with an update that returns the item
 * as it was, so of two creators writing one key, the second is told about the first, atomically, and no consistent
 * re-read of the probes is needed afterwards (lib/store/settle-near-dup.ts). One owner per key is what keeps the cost
 * flat: every write is one item under 1 KB, one write unit, however many stories share the key. The price is that a
 * key many stories write (a boilerplate phrase, a recurring headline) finds only its latest writer: copies of a story
 * arrive within hours, and its other key still finds it. Registers expire with the decision's time window, plus
 * slack for late polls.
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

/** What writing an article's registers taught it about possible rivals in a race. */
export interface RegisterWrite {
  /** The articles its registers named just before it wrote them, with the text the decision reads. */
  readonly told: NearDupCandidate[];
  /**
   * The articles its registers remembered behind their owner (ids only). They matter when the owner is another
   * story written in between, and on a rerun after a crash (or a retried write whose answer was lost), when the
   * register already names the article and what it was told the first time may never have been settled.
   */
  readonly recalled: string[];
}

/**
 * Writes the article's registers; each write returns the register as it was (`ReturnValues: ALL_OLD`, no read unit),
 * and a register remembers the last three articles it named before its owner (`r1`…`r3`, ids only).
 */
export async function writeNearDupRegisters(
  db: Db,
  input: { articleId: string; item: DedupeItem; firstSeenAt: string },
): Promise<RegisterWrite> {
  const told = new Map<string, NearDupCandidate>();
  const recalled = new Set<string>();
  for (const register of nearDupRegistersOf(input.articleId, input.item, input.firstSeenAt)) {
    const before = await writeRegister(db, register);
    const owner = candidateOf(before);
    if (owner && owner.articleId !== input.articleId) told.set(owner.articleId, owner);
    for (const slot of HISTORY) {
      const id = before[slot];
      if (typeof id === 'string' && id !== '' && id !== input.articleId) recalled.add(id);
    }
  }
  return { told: [...told.values()], recalled: [...recalled].filter((id) => !told.has(id)) };
}

/** The ids a register remembers behind its owner, newest first. */
const HISTORY = ['r1', 'r2', 'r3'] as const;
const PAYLOAD_FIELDS = ['title', 'summary', 'url', 'publishedAt'] as const;

/**
 * Makes the register name this article, shifting its previous owner into the history (DynamoDB evaluates every
 * operand on the item as it was, so the shift is atomic). A register that already names the article is left as it
 * is and read instead, so writing twice never pushes the article into its own history.
 */
async function writeRegister(db: Db, register: ReturnType<typeof nearDupRegistersOf>[number]) {
  const { pk, sk, articleId, expiresAt, ...payload } = register;
  const present = PAYLOAD_FIELDS.filter((field) => payload[field] !== undefined);
  const absent = PAYLOAD_FIELDS.filter((field) => payload[field] === undefined);
  try {
    const { Attributes } = await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: { pk, sk },
        UpdateExpression: [
          'SET #r3 = if_not_exists(#r2, :none), #r2 = if_not_exists(#r1, :none), #r1 = if_not_exists(#owner, :none)',
          '#owner = :owner, #expiresAt = :expiresAt',
          ...present.map((field) => `#${field} = :${field}`),
        ]
          .join(', ')
          .concat(absent.length > 0 ? ` REMOVE ${absent.map((field) => `#${field}`).join(', ')}` : ''),
        ConditionExpression: 'attribute_not_exists(#owner) OR #owner <> :owner',
        ExpressionAttributeNames: {
          '#owner': 'articleId',
          '#expiresAt': 'expiresAt',
          ...Object.fromEntries(HISTORY.map((slot) => [`#${slot}`, slot])),
          ...Object.fromEntries(PAYLOAD_FIELDS.map((field) => [`#${field}`, field])),
        },
        ExpressionAttributeValues: {
          ':none': '',
          ':owner': articleId,
          ':expiresAt': expiresAt,
          ...Object.fromEntries(present.map((field) => [`:${field}`, payload[field]])),
        },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return Attributes ?? {};
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const { Item } = await db.doc.send(
      new GetCommand({ TableName: db.tableName, Key: { pk, sk }, ConsistentRead: true }),
    );
    return Item ?? {};
  }
}

/** The register items an article writes (also what the benches store, so their units are those of real items). */
export function nearDupRegistersOf(articleId: string, item: DedupeItem, firstSeenAt: string) {
  const expiresAt = Math.floor(Date.parse(firstSeenAt) / 1000) + NEAR_DUP_RETENTION_DAYS * 86_400;
  const payload = bandPayloadOf(item);
  return writtenNearDupKeysOf(item).map((key) => ({ ...nearDupRegisterKey(key), articleId, ...payload, expiresAt }));
}

/** What a register carries beside its key: only what the decision reads, so it stays under 1 KB (one write unit). */
export function bandPayloadOf(item: DedupeItem): Partial<Record<(typeof PAYLOAD_FIELDS)[number], string>> {
  const summary = ledeOf(item.summary);
  return {
    title: item.title,
    ...(summary ? { summary } : {}),
    ...(item.url ? { url: item.url } : {}),
    ...(item.publishedAt ? { publishedAt: item.publishedAt } : {}),
  };
}

/** The article a register names, with the fields the decision reads (those a register holds as text). */
function candidateOf(register: Record<string, unknown>): NearDupCandidate | undefined {
  const articleId = register.articleId;
  if (typeof articleId !== 'string' || articleId === '') return undefined;
  const fields = PAYLOAD_FIELDS.flatMap((field) => {
    const value = register[field];
    return typeof value === 'string' && value !== '' ? [[field, value] as const] : [];
  });
  return { articleId, item: { title: '', ...Object.fromEntries(fields) } };
}
