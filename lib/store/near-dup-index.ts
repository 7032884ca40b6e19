import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type DedupeItem, ledeOf } from '../dedupe/dedupe-item.ts';
import { type NearDupKey, probedNearDupKeysOf, writtenNearDupKeysOf } from '../dedupe/near-dup-keys.ts';
import { batchGetAll } from './batch-get.ts';
import type { Db } from './db.ts';

/**
 * Near-duplicate registers: one item per band key, `SIM#<band>#<bits>` / `K`, whose `owners` map holds each article
 * indexed under that key with the few fields the fold decision reads. A new article writes its few *written* keys;
 * an arriving item reads its *probed* keys (lib/dedupe/near-dup-keys.ts: a write unit costs five read units, so the
 * lookup is asymmetric) with one eventually consistent BatchGet and no article read.
 *
 * One item per key is what makes races cheap. An article joins a register with an UpdateItem that returns the
 * item as it was just before: of two creators racing under one key, the one that writes second is told about the
 * first, atomically, so no consistent re-read of the probes is needed afterwards (lib/store/settle-near-dup.ts).
 * Owners expire with the decision's time window (plus slack for late polls); the register's TTL follows its newest
 * owner and stale owners are pruned when the next article joins.
 */
export interface NearDupCandidate {
  readonly articleId: string;
  readonly item: DedupeItem;
}

export const NEAR_DUP_RETENTION_DAYS = 7;

/**
 * A key shared by many live articles (a boilerplate lede, a recurring headline) keeps only its newest few: copies
 * of a story arrive within hours, so the newest owners are the ones worth finding, and a hot key costs a bounded
 * write (a register is written whole, a unit per KB) and a bounded read (≤ 4 KB, half a read unit eventually
 * consistent). A joining article evicts the oldest beyond this many, and any owner past its expiry.
 */
export const MAX_OWNERS_PER_REGISTER = 4;

export const nearDupRegisterKey = (key: NearDupKey) => ({ pk: `SIM#${key.band}#${key.bits}`, sk: 'K' }) as const;

type Owners = Record<string, Record<string, unknown>>;

/** What the lookup saw of one register, so the article created after it joins without reading it again. */
export interface RegisterSeen {
  /** Its owners, each with the epoch second it expires at; empty when the register does not exist. */
  readonly owners: readonly { readonly articleId: string; readonly expiresAt: number }[];
}

export interface NearDupLookup {
  readonly candidates: NearDupCandidate[];
  /** Every probed register by pk; `owners: 0` when it does not exist. */
  readonly registers: ReadonlyMap<string, RegisterSeen>;
}

/**
 * The stored articles that share a register with the arriving item's probes: one BatchGet, eventually consistent
 * (half the read units; a creator racing this one is told about it when it joins a shared register).
 */
export async function findNearDupCandidates(db: Db, item: DedupeItem): Promise<NearDupLookup> {
  const keys = probedNearDupKeysOf(item).map(nearDupRegisterKey);
  const { items, unprocessed } = await batchGetAll(db, keys, { attempts: 10 });
  if (unprocessed.length > 0) throw new Error('BatchGet kept leaving near-duplicate registers unprocessed');
  const registers = new Map<string, RegisterSeen>(keys.map(({ pk }) => [pk, { owners: [] }]));
  const byArticle = new Map<string, NearDupCandidate>();
  for (const stored of items) {
    const owners = ownersOf(stored);
    registers.set(String(stored.pk), seenOf(owners));
    for (const candidate of candidatesOf(owners)) {
      if (!byArticle.has(candidate.articleId)) byArticle.set(candidate.articleId, candidate);
    }
  }
  return { candidates: [...byArticle.values()], registers };
}

/**
 * Adds the article to each register of its written keys and returns the articles that were there before it (its
 * possible rivals in a race). Rewriting its own entry is harmless, so a rerun after a crash simply joins again and
 * is told the same rivals. `seen` is what the lookup read of those registers: an absent register is created with a
 * conditional put, a present one joined with an update that also evicts its stale and oldest owners.
 */
export async function joinNearDupRegisters(
  db: Db,
  input: {
    articleId: string;
    item: DedupeItem;
    firstSeenAt: string;
    seen?: ReadonlyMap<string, RegisterSeen>;
    /** ISO time of this ingest run: owners expired by then are evicted. */
    now: string;
  },
): Promise<NearDupCandidate[]> {
  const payload = { ...bandPayloadOf(input.item), expiresAt: ownerExpiryOf(input.firstSeenAt) };
  const nowSeconds = Date.parse(input.now) / 1000;
  const rivals = new Map<string, NearDupCandidate>();
  for (const key of writtenNearDupKeysOf(input.item)) {
    const register = nearDupRegisterKey(key);
    const before = await joinRegister(db, register, input.articleId, payload, nowSeconds, input.seen?.get(register.pk));
    for (const candidate of candidatesOf(before)) {
      if (candidate.articleId !== input.articleId) rivals.set(candidate.articleId, candidate);
    }
  }
  return [...rivals.values()];
}

const ownerExpiryOf = (firstSeenAt: string) =>
  Math.floor(Date.parse(firstSeenAt) / 1000) + NEAR_DUP_RETENTION_DAYS * 86_400;

const isConditionFailure = (error: unknown) => (error as { name?: string }).name === 'ConditionalCheckFailedException';

/**
 * The owners a joining article evicts: those expired by now, and the oldest beyond the newest
 * MAX_OWNERS_PER_REGISTER − 1 (a rerun that finds itself already there evicts nobody).
 */
export function evictedOwners(seen: RegisterSeen, articleId: string, nowSeconds: number): string[] {
  if (seen.owners.some((owner) => owner.articleId === articleId)) return [];
  const live = seen.owners
    .filter((owner) => owner.expiresAt >= nowSeconds)
    .sort((a, b) => b.expiresAt - a.expiresAt || a.articleId.localeCompare(b.articleId));
  const kept = new Set(live.slice(0, MAX_OWNERS_PER_REGISTER - 1).map((owner) => owner.articleId));
  return seen.owners.filter((owner) => !kept.has(owner.articleId)).map((owner) => owner.articleId);
}

/** Joins one register; returns its owners as they were just before (empty when it was created here). */
async function joinRegister(
  db: Db,
  register: { pk: string; sk: string },
  articleId: string,
  payload: Record<string, unknown>,
  nowSeconds: number,
  seenAtLookup: RegisterSeen | undefined,
): Promise<Owners> {
  // Without a lookup (a rerun, an edit) the register is read first: half a read unit, and the eviction stays exact.
  let seen = seenAtLookup ?? (await readRegister(db, register, false));
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      if (seen.owners.length === 0) {
        await db.doc.send(
          new PutCommand({
            TableName: db.tableName,
            Item: { ...register, owners: { [articleId]: payload }, expiresAt: payload.expiresAt },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return {};
      }
      const evicted = evictedOwners(seen, articleId, nowSeconds);
      const { Attributes } = await db.doc.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: register,
          UpdateExpression: `SET owners.#me = :owner, expiresAt = :expiresAt${
            evicted.length > 0 ? ` REMOVE ${evicted.map((_, index) => `owners.#evicted${index}`).join(', ')}` : ''
          }`,
          ConditionExpression: 'attribute_exists(owners)',
          ExpressionAttributeNames: {
            '#me': articleId,
            ...Object.fromEntries(evicted.map((id, index) => [`#evicted${index}`, id])),
          },
          ExpressionAttributeValues: { ':owner': payload, ':expiresAt': payload.expiresAt },
          ReturnValues: 'ALL_OLD',
        }),
      );
      return ownersOf(Attributes);
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    // Created or deleted by another writer since the lookup: read it as it is now and go again.
    const { Item } = await db.doc.send(
      new GetCommand({ TableName: db.tableName, Key: register, ConsistentRead: true }),
    );
    seen = seenOf(ownersOf(Item));
  }
  throw new Error(`near-duplicate register ${register.pk}: too much write contention`);
}

/** Takes an absorbed article out of the registers it joined (no write when it is not there). */
export async function leaveNearDupRegisters(db: Db, articleId: string, item: DedupeItem) {
  for (const key of writtenNearDupKeysOf(item)) {
    try {
      await db.doc.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: nearDupRegisterKey(key),
          UpdateExpression: 'REMOVE owners.#id',
          ConditionExpression: 'attribute_exists(owners.#id)',
          ExpressionAttributeNames: { '#id': articleId },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}

/** The register items an article writes (what the benches store, so their read units are those of real items). */
export function nearDupRegistersOf(articleId: string, item: DedupeItem, firstSeenAt: string) {
  const expiresAt = ownerExpiryOf(firstSeenAt);
  const owner = { ...bandPayloadOf(item), expiresAt };
  return writtenNearDupKeysOf(item).map((key) => ({
    ...nearDupRegisterKey(key),
    owners: { [articleId]: owner },
    expiresAt,
  }));
}

/** What an owner carries: only the lede the decision reads, so a register of one stays under 1 KB (one unit). */
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

async function readRegister(db: Db, register: { pk: string; sk: string }, consistent: boolean) {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: register, ConsistentRead: consistent }),
  );
  return seenOf(ownersOf(Item));
}

const seenOf = (owners: Owners): RegisterSeen => ({
  owners: Object.entries(owners).map(([articleId, payload]) => ({ articleId, expiresAt: Number(payload.expiresAt) })),
});

function ownersOf(register: Record<string, unknown> | undefined): Owners {
  const owners = register?.owners;
  return owners && typeof owners === 'object' ? (owners as Owners) : {};
}

const candidatesOf = (owners: Owners): NearDupCandidate[] =>
  Object.entries(owners).map(([articleId, payload]) => ({ articleId, item: dedupeItemOfStored(payload) }));

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
