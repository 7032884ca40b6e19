import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePairFile } from '../../../lib/dedupe/pair-file.ts';
import { runPairs } from '../../../lib/dedupe/run-pairs.ts';
import { dynaliteBackend, type RunningBackend } from './store-backend.ts';
import { storePair } from './store-pair.ts';

const fixture = readFileSync(path.resolve(import.meta.dirname, '../../fixtures/dedupe/pairs.jsonl'), 'utf8');
const devPairsFile = path.resolve(process.cwd(), '../shared/dedupe/pairs-dev.jsonl');
const hasDevPairs = existsSync(devPairsFile);
if (!hasDevPairs)
  console.warn(`dev-pair consistency skipped: ${devPairsFile} not found (../shared is beside the repo in CI)`);

/** A deterministic sample of the dev pairs, every kind represented (the bench checks all of them). */
function devSample(text: string, perKind: number): string {
  const lines = text.split('\n').filter(Boolean);
  const byKind = new Map<string, string[]>();
  for (const line of lines) {
    const kind = String((JSON.parse(line) as { kind?: string }).kind);
    byKind.set(kind, [...(byKind.get(kind) ?? []), line]);
  }
  const digest = (line: string) => createHash('sha256').update(line).digest('hex');
  return [...byKind.values()]
    .flatMap((group) => group.sort((a, b) => digest(a).localeCompare(digest(b))).slice(0, perKind))
    .join('\n');
}

/**
 * Issue 11: the pairs `npm run dedupe -- pairs` folds are exactly the pairs that storing `a` then `b` through the
 * real article path folds into one article — one decision, one set of thresholds, one normalization.
 */
describe('dedupe pairs CLI agrees with the store (dynalite)', () => {
  let running: RunningBackend;
  let tables = 0;
  beforeAll(async () => {
    running = await dynaliteBackend.start();
  });
  afterAll(() => running.close());

  const agreeing = async (text: string) => {
    const cli = new Map(runPairs(text).decisionLines.map((line) => [line.pair_id, line.duplicate]));
    const { pairs } = parsePairFile(text);
    // One empty table per pair (pairs share titles and links), created together so their set-up overlaps.
    const dbs = await Promise.all(pairs.map(() => running.createTable(`consistency-${tables++}`)));
    const store = new Map<string, boolean>();
    for (const [index, pair] of pairs.entries()) store.set(pair.pairId, await storePair(dbs[index]!, pair));
    return { cli, store };
  };

  it('on the team-written pairs', async () => {
    const { cli, store } = await agreeing(fixture);
    expect(store.size).toBe(12);
    expect(store).toEqual(cli);
    expect([...store.values()].filter(Boolean)).toHaveLength(4);
  });

  it.skipIf(!hasDevPairs)('on a sample of the development pairs in ../shared', { timeout: 60_000 }, async () => {
    const { cli, store } = await agreeing(devSample(readFileSync(devPairsFile, 'utf8'), 2));
    expect(store.size).toBeGreaterThan(30);
    expect(store).toEqual(cli);
  });
});
