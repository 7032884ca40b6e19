/**
 * MinHash or SimHash for the band keys? Both fingerprint the same thing — the 3-word shingles of the first 30
 * summary words — and are cut into bands; a band is one stored key. Measured on the development pairs: for the
 * pairs the decision folds (link-identical ones aside), how often the two items share a band (candidate recall),
 * against how often unrelated items share one by chance. The headline and link keys are left out here: they are
 * the same for both schemes.
 */
import { createHash } from 'node:crypto';
import { prepareItem } from '../lib/dedupe/dedupe-item.ts';
import { nearDupKeysOf } from '../lib/dedupe/near-dup-keys.ts';
import type { ItemPair } from '../lib/dedupe/pair-file.ts';
import type { PairsRun } from '../lib/dedupe/run-pairs.ts';

type BandScheme = { name: string; bandsOf(item: ItemPair['stored']): string[] };

function shingles(item: ItemPair['stored']): string[] {
  const words = prepareItem(item).summaryWords.slice(0, 30);
  const out = new Set<string>();
  for (let i = 0; i + 3 <= words.length; i++) out.add(words.slice(i, i + 3).join(' '));
  return [...out];
}

/** 64-bit SimHash from sha256 of each shingle, cut into `bands` bands (pigeonhole: ≤ bands−1 differing bits match). */
function simHashBands(item: ItemPair['stored'], bands: number): string[] {
  const grams = shingles(item);
  if (grams.length < 4) return [];
  const weights = new Array<number>(64).fill(0);
  for (const gram of grams) {
    const digest = createHash('sha256').update(gram).digest();
    for (let bit = 0; bit < 64; bit++) weights[bit]! += (digest[bit >> 3]! >> (bit & 7)) & 1 ? 1 : -1;
  }
  const bits = weights.map((w) => (w > 0 ? '1' : '0')).join('');
  const width = 64 / bands;
  return Array.from({ length: bands }, (_, band) => `s${band}:${bits.slice(band * width, (band + 1) * width)}`);
}

const schemes: BandScheme[] = [
  { name: 'MinHash 2 bands × 2 rows (in use)', bandsOf: (item) => minHashOnly(item, 2, 2) },
  { name: 'MinHash 1 band × 2 rows', bandsOf: (item) => minHashOnly(item, 1, 2) },
  { name: 'MinHash 4 bands × 2 rows', bandsOf: (item) => minHashOnly(item, 4, 2) },
  { name: 'SimHash 64 bits, 4 bands × 16 bits', bandsOf: (item) => simHashBands(item, 4) },
  { name: 'SimHash 64 bits, 8 bands × 8 bits', bandsOf: (item) => simHashBands(item, 8) },
];

function minHashOnly(item: ItemPair['stored'], bands: number, rows: number): string[] {
  return nearDupKeysOf(item, { minHashBands: bands, minHashRows: rows })
    .filter((key) => key.band.startsWith('m'))
    .map((key) => `${key.band}:${key.bits}`);
}

export function compareFingerprints(pairs: readonly ItemPair[], run: PairsRun) {
  const textFolds = pairs.filter((_, index) => {
    const line = run.decisionLines[index];
    return line?.duplicate && line.why.rule === 'shared-lede';
  });
  const items = pairs.flatMap((pair) => [
    { group: pair.pairId, item: pair.stored },
    { group: pair.pairId, item: pair.arriving },
  ]);
  return schemes.map((scheme) => {
    const found = textFolds.filter((pair) => {
      const stored = new Set(scheme.bandsOf(pair.stored));
      return scheme.bandsOf(pair.arriving).some((band) => stored.has(band));
    }).length;
    const holders = new Map<string, Set<number>>();
    items.forEach(({ item }, index) => {
      for (const band of scheme.bandsOf(item)) holders.set(band, (holders.get(band) ?? new Set()).add(index));
    });
    const chance = new Set<string>();
    for (const indexes of holders.values()) {
      const list = [...indexes];
      for (let i = 0; i < list.length; i++)
        for (let j = i + 1; j < list.length; j++)
          if (items[list[i]!]!.group !== items[list[j]!]!.group) chance.add(`${list[i]}:${list[j]}`);
    }
    const keys = items.reduce((sum, { item }) => sum + scheme.bandsOf(item).length, 0) / items.length;
    return {
      scheme: scheme.name,
      keysPerItem: Math.round(keys * 100) / 100,
      sharedLedeFoldsFound: `${found}/${textFolds.length}`,
      chanceCandidatePairs: chance.size,
    };
  });
}
