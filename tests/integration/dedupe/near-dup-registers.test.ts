import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DedupeItem } from '../../../lib/dedupe/dedupe-item.ts';
import { writtenNearDupKeysOf } from '../../../lib/dedupe/near-dup-keys.ts';
import type { Db } from '../../../lib/store/db.ts';
import {
  evictedOwners,
  findNearDupCandidates,
  joinNearDupRegisters,
  leaveNearDupRegisters,
  MAX_OWNERS_PER_REGISTER,
  NEAR_DUP_RETENTION_DAYS,
  nearDupRegisterKey,
} from '../../../lib/store/near-dup-index.ts';
import { dynaliteBackend, type RunningBackend } from './store-backend.ts';
import { snapshotTable } from './wire-world.ts';

const DAY_S = 86_400;
const HEADLINE = 'Harbour authority reviews crane safety after collapse at Port Selat';

/** Articles under one headline with ledes that share no shingle: each writes the same `t` key and its own `s` key. */
const storyItem = (index: number): DedupeItem => ({
  title: HEADLINE,
  summary: `Report ${index}: ${['amber', 'birch', 'cobalt', 'dune', 'ember', 'fjord', 'gale', 'heron', 'iris']
    .map((word) => `${word}${index}x`)
    .join(' ')} with distinct wording for every story in this sequence number ${index} only.`,
  url: `https://outlet${index}.example/news/${index}`,
  publishedAt: `2024-03-05T08:0${index}:00Z`,
});

const headlineRegister = nearDupRegisterKey(writtenNearDupKeysOf(storyItem(0)).find((key) => key.band === 't')!);

const ownersIn = async (db: Db, pk: string) => {
  const item = (await snapshotTable(db)).find((stored) => stored.pk === pk);
  return item ? Object.keys(item.owners as object).sort() : undefined;
};

describe('near-duplicate registers (dynalite)', () => {
  let running: RunningBackend;
  let tables = 0;
  const freshTable = () => running.createTable(`registers-${tables++}`);
  beforeAll(async () => {
    running = await dynaliteBackend.start();
  });
  afterAll(async () => {
    await running.close();
  });

  it('tells each joining article who was there before it, and keeps only the newest owners', async () => {
    const db = await freshTable();
    const told: string[][] = [];
    for (let index = 0; index < 6; index++) {
      const item = storyItem(index);
      const firstSeenAt = `2024-03-05T09:0${index}:00.000Z`;
      const { registers } = await findNearDupCandidates(db, item);
      const rivals = await joinNearDupRegisters(db, {
        articleId: `a${index}`,
        item,
        firstSeenAt,
        now: firstSeenAt,
        seen: registers,
      });
      told.push(rivals.map((rival) => rival.articleId).sort());
    }
    // The shared headline register held the previous owners, at most MAX_OWNERS_PER_REGISTER of them.
    expect(MAX_OWNERS_PER_REGISTER).toBe(4);
    expect(told).toEqual([
      [],
      ['a0'],
      ['a0', 'a1'],
      ['a0', 'a1', 'a2'],
      ['a0', 'a1', 'a2', 'a3'],
      ['a1', 'a2', 'a3', 'a4'],
    ]);
    expect(await ownersIn(db, headlineRegister.pk)).toEqual(['a2', 'a3', 'a4', 'a5']);
    // A rerun joins again, evicts nobody, and is told the same owners minus itself.
    const again = await joinNearDupRegisters(db, {
      articleId: 'a5',
      item: storyItem(5),
      firstSeenAt: '2024-03-05T09:05:00.000Z',
      now: '2024-03-05T09:30:00.000Z',
    });
    expect(again.map((rival) => rival.articleId).sort()).toEqual(['a2', 'a3', 'a4']);
    expect(await ownersIn(db, headlineRegister.pk)).toEqual(['a2', 'a3', 'a4', 'a5']);
  });

  it('evicts owners past the retention window when the next article joins', async () => {
    const db = await freshTable();
    const join = async (index: number, firstSeenAt: string, now: string) =>
      joinNearDupRegisters(db, {
        articleId: `a${index}`,
        item: storyItem(index),
        firstSeenAt,
        now,
        seen: (await findNearDupCandidates(db, storyItem(index))).registers,
      });
    await join(0, '2024-03-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z');
    await join(1, '2024-03-05T00:00:00.000Z', '2024-03-05T00:00:00.000Z');
    const later = new Date(Date.parse('2024-03-01T00:00:00.000Z') + (NEAR_DUP_RETENTION_DAYS * DAY_S + 60) * 1000);
    await join(2, later.toISOString(), later.toISOString());
    expect(await ownersIn(db, headlineRegister.pk)).toEqual(['a1', 'a2']);
  });

  it('of concurrent joiners under one key, every pair is connected: one of the two is told of the other', async () => {
    const db = await freshTable();
    const joiners = Array.from({ length: MAX_OWNERS_PER_REGISTER }, (_, index) => index);
    // Every racer looked the register up before any of them joined: all saw it absent.
    const seen = await Promise.all(joiners.map(async (index) => findNearDupCandidates(db, storyItem(index))));
    const told = await Promise.all(
      joiners.map(async (index) =>
        (
          await joinNearDupRegisters(db, {
            articleId: `a${index}`,
            item: storyItem(index),
            firstSeenAt: '2024-03-05T09:00:00.000Z',
            now: '2024-03-05T09:00:00.000Z',
            seen: seen[index]!.registers,
          })
        ).map((rival) => rival.articleId),
      ),
    );
    for (const i of joiners) {
      for (const j of joiners.filter((other) => other > i)) {
        expect(told[i]!.includes(`a${j}`) || told[j]!.includes(`a${i}`), `a${i} and a${j}`).toBe(true);
      }
    }
    expect(await ownersIn(db, headlineRegister.pk)).toEqual(joiners.map((index) => `a${index}`));
  });

  it('takes an absorbed article out of its registers, and writes nothing where it is absent', async () => {
    const db = await freshTable();
    await joinNearDupRegisters(db, {
      articleId: 'a0',
      item: storyItem(0),
      firstSeenAt: '2024-03-05T09:00:00.000Z',
      now: '2024-03-05T09:00:00.000Z',
    });
    await joinNearDupRegisters(db, {
      articleId: 'a1',
      item: storyItem(1),
      firstSeenAt: '2024-03-05T09:01:00.000Z',
      now: '2024-03-05T09:01:00.000Z',
    });
    const before = (await snapshotTable(db)).length;
    await leaveNearDupRegisters(db, 'a0', storyItem(0));
    expect(await ownersIn(db, headlineRegister.pk)).toEqual(['a1']);
    await leaveNearDupRegisters(db, 'never-joined', storyItem(7));
    // a0's lede register stays, empty, until it expires; no item was created for the absent article.
    const after = await snapshotTable(db);
    expect(after).toHaveLength(before);
    expect(after.filter((item) => Object.keys(item.owners as object).length === 0)).toHaveLength(1);
  });
});

describe('evictedOwners', () => {
  const owner = (articleId: string, expiresAt: number) => ({ articleId, expiresAt });
  it('keeps the newest MAX − 1 live owners so the joining article makes MAX', () => {
    const seen = { owners: [owner('a', 10), owner('b', 40), owner('c', 20), owner('d', 30)] };
    expect(evictedOwners(seen, 'new', 5)).toEqual(['a']);
    expect(evictedOwners(seen, 'new', 25)).toEqual(['a', 'c']);
  });
  it('breaks ties on the article id, and evicts nobody when the article is already an owner', () => {
    const seen = { owners: [owner('b', 10), owner('a', 10), owner('c', 10), owner('d', 10)] };
    expect(evictedOwners(seen, 'new', 0)).toEqual(['d']);
    expect(evictedOwners(seen, 'b', 0)).toEqual([]);
  });
});
