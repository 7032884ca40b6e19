import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DedupeItem } from '../../../lib/dedupe/dedupe-item.ts';
import { writtenNearDupKeysOf } from '../../../lib/dedupe/near-dup-keys.ts';
import type { Db } from '../../../lib/store/db.ts';
import {
  findNearDupCandidates,
  NEAR_DUP_RETENTION_DAYS,
  nearDupRegisterKey,
  writeNearDupRegisters,
} from '../../../lib/store/near-dup-index.ts';
import { dynaliteBackend, type RunningBackend } from './store-backend.ts';
import { snapshotTable } from './wire-world.ts';

const HEADLINE = 'Harbour authority reviews crane safety after collapse at Port Selat';

/** Stories under one headline with ledes that share no shingle: each writes the same `t` key and its own `s` key. */
const storyItem = (index: number): DedupeItem => ({
  title: HEADLINE,
  summary: `Report ${index}: ${['amber', 'birch', 'cobalt', 'dune', 'ember', 'fjord', 'gale', 'heron', 'iris']
    .map((word) => `${word}${index}x`)
    .join(' ')} with distinct wording for every story in this sequence number ${index} only.`,
  url: `https://outlet${index}.example/news/${index}`,
  publishedAt: `2024-03-05T08:0${index}:00Z`,
});

const headlineRegister = nearDupRegisterKey(writtenNearDupKeysOf(storyItem(0)).find((key) => key.band === 't')!);

const registersIn = async (db: Db) => (await snapshotTable(db)).filter((item) => String(item.pk).startsWith('SIM#'));

const write = (db: Db, index: number, firstSeenAt = '2024-03-05T09:00:00.000Z') =>
  writeNearDupRegisters(db, { articleId: `a${index}`, item: storyItem(index), firstSeenAt }).then(
    ({ told, recalled }) => ({
      told: told.map((rival) => rival.articleId),
      recalled,
    }),
  );

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

  it('names the article that wrote a key last, tells each writer who that was, and finds it with one BatchGet', async () => {
    const db = await freshTable();
    expect(await write(db, 0)).toEqual({ told: [], recalled: [] });
    expect(await write(db, 1)).toEqual({ told: ['a0'], recalled: [] });
    // The headline register remembers a0 behind a1; a2's lede register is new.
    expect(await write(db, 2)).toEqual({ told: ['a1'], recalled: ['a0'] });
    // A rerun (or a retried write) finds the registers already naming it: it changes nothing and recalls whom it
    // displaced, which its first run may not have settled.
    expect(await write(db, 2)).toEqual({ told: [], recalled: ['a1', 'a0'] });
    const registers = await registersIn(db);
    // One headline register shared by the three, and one lede register each: every item is one write unit.
    expect(registers).toHaveLength(4);
    expect(registers.find((item) => item.pk === headlineRegister.pk)?.articleId).toBe('a2');
    expect(registers.every((item) => item.sk === 'K' && JSON.stringify(item).length < 1024)).toBe(true);
    expect(registers.find((item) => item.pk === headlineRegister.pk)).toMatchObject({ r1: 'a1', r2: 'a0', r3: '' });
    // A copy of story 0 (its lede, another headline) finds it through the lede register, which still names it.
    const copy = { ...storyItem(0), title: 'Crane safety review ordered at Port Selat', url: 'https://x.example/c' };
    expect((await findNearDupCandidates(db, copy)).map((candidate) => candidate.articleId)).toEqual(['a0']);
    const expiresAt = registers.map((item) => item.expiresAt);
    expect(new Set(expiresAt)).toEqual(
      new Set([Date.parse('2024-03-05T09:00:00Z') / 1000 + NEAR_DUP_RETENTION_DAYS * 86_400]),
    );
  });

  it('of concurrent writers of one key, each but the first is told of another, and together they form one chain', async () => {
    const db = await freshTable();
    const writers = Array.from({ length: 8 }, (_, index) => index);
    const learned = await Promise.all(writers.map((index) => write(db, index)));
    // The settle step merges along "told of" edges: union-find over them must connect every writer.
    const parent = writers.slice();
    const root = (n: number): number => (parent[n] === n ? n : root(parent[n]!));
    learned.forEach(({ told }, index) => {
      for (const rival of told) parent[root(index)] = root(Number(rival.slice(1)));
    });
    expect(new Set(writers.map(root)).size).toBe(1);
    expect(learned.filter(({ told }) => told.length === 0)).toHaveLength(1);
    expect(learned.every(({ told }) => told.length <= 1)).toBe(true);
  });
});
