/**
 * Which near-duplicate keys to write and which to probe? A written key is one item (a write unit, 5× a read unit)
 * per new article; a probe is one Query (half a read unit) per arriving item. Each scheme is measured on the same
 * items: the keys a new article writes (dev pair items and topic dev items), the Queries an arriving item makes,
 * how many of the decision's folds that need the lookup (not the same canonical URL) the stored item is found for,
 * (stored `a`, arriving `b`), how many of those a race between their two creators settles (they share a written key:
 * the second to join that register learns of the first), and the chance
 * candidates: (arriving, stored) pairs of unrelated items where a probe hits a written key.
 */
import { decideFold } from '../lib/dedupe/decide-fold.ts';
import { type DedupeItem, type PreparedItem, prepareItem } from '../lib/dedupe/dedupe-item.ts';
import {
  type NearDupKeyOptions,
  nearDupKeyString,
  probedNearDupKeysOf,
  writtenNearDupKeysOf,
} from '../lib/dedupe/near-dup-keys.ts';
import type { ItemPair } from '../lib/dedupe/pair-file.ts';
import { legacyNearDupKeysOf } from './dedupe-legacy-keys.ts';

export interface KeyScheme {
  readonly name: string;
  written(item: PreparedItem): string[];
  probed(item: PreparedItem): string[];
}

export interface SchemeItem {
  readonly id: string;
  /** Items of one labeled pair share a group: they are not chance candidates of each other. */
  readonly group: string;
  readonly source: 'dev-pairs' | 'topic-dev';
  readonly item: DedupeItem;
}

export const legacyScheme: KeyScheme = {
  name: 'before: t + l + MinHash 2×2 + u, each written and probed',
  written: (item) => legacyNearDupKeysOf(item.item),
  probed: (item) => legacyNearDupKeysOf(item.item),
};

export const asymmetricScheme = (name: string, options: Partial<NearDupKeyOptions> = {}): KeyScheme => ({
  name,
  written: (item) => writtenNearDupKeysOf(item, options).map(nearDupKeyString),
  probed: (item) => probedNearDupKeysOf(item, options).map(nearDupKeyString),
});

const variants: readonly [string, Partial<NearDupKeyOptions>][] = [
  ['after (in use): t written+probed; 1 lede shingle written (20 words), 4 probed (25 words)', {}],
  ['one lede probe, same 20-word window (symmetric MinHash, 1 row)', { ledeProbes: 1, probedLedeWords: 20 }],
  ['6 lede probes over 30 words', { ledeProbes: 6, probedLedeWords: 30 }],
  ['4-word shingles', { shingleWords: 4 }],
  ['2 lede shingles written', { writtenLedeKeys: 2 }],
  ['dateline kept', { skipDateline: false }],
  ['headline numbers not masked', { maskHeadlineNumbers: false }],
  ['no slug probe', { slugProbe: false }],
];

const SEEDS = 16;

export function compareKeySchemes(pairs: readonly ItemPair[], items: readonly SchemeItem[]) {
  const preparedItems = items.map((entry) => ({ ...entry, prepared: prepareItem(entry.item) }));
  const lookupFolds = pairs
    .map((pair) => ({ stored: prepareItem(pair.stored), arriving: prepareItem(pair.arriving) }))
    .filter(({ stored, arriving }) => {
      const decision = decideFold(stored, arriving);
      return decision.duplicate && !decision.why.signals.canonicalUrlsEqual;
    });
  const measure = (scheme: KeyScheme) => {
    const found = (stored: PreparedItem, arriving: PreparedItem) => {
      const written = new Set(scheme.written(stored));
      return scheme.probed(arriving).some((key) => written.has(key));
    };
    const shareWrittenKey = (a: PreparedItem, b: PreparedItem) => {
      const written = new Set(scheme.written(a));
      return scheme.written(b).some((key) => written.has(key));
    };
    const oneWay = lookupFolds.filter(({ stored, arriving }) => found(stored, arriving)).length;
    const raceSettled = lookupFolds.filter(
      ({ stored, arriving }) => found(stored, arriving) && shareWrittenKey(stored, arriving),
    );
    return { oneWay, raceSettled: raceSettled.length };
  };
  const schemes: { scheme: KeyScheme; options?: Partial<NearDupKeyOptions> }[] = [
    { scheme: legacyScheme },
    ...variants.map(([name, options]) => ({ scheme: asymmetricScheme(name, options), options })),
  ];
  return schemes.map(({ scheme, options }) => {
    const { oneWay, raceSettled } = measure(scheme);
    const overSeeds = options
      ? Array.from({ length: SEEDS }, (_, seed) => measure(asymmetricScheme('', { ...options, seed })).oneWay)
      : undefined;
    return {
      scheme: scheme.name,
      ...keyFigures(scheme, preparedItems),
      lookupFoldsFound: `${oneWay}/${lookupFolds.length}`,
      lookupFoldsRaceSettled: `${raceSettled}/${lookupFolds.length}`,
      ...(overSeeds
        ? {
            lookupFoldsFoundOver16HashSeeds: {
              mean: round(overSeeds.reduce((sum, value) => sum + value, 0) / SEEDS),
              min: Math.min(...overSeeds),
            },
          }
        : {}),
    };
  });
}

/** Keys per item and chance candidates of one scheme on the item set. */
export function keyFigures(
  scheme: KeyScheme,
  items: readonly { group: string; source: SchemeItem['source']; prepared: PreparedItem }[],
) {
  const written = items.map(({ prepared }) => [...new Set(scheme.written(prepared))]);
  const probed = items.map(({ prepared }) => [...new Set(scheme.probed(prepared))]);
  const meanOf = (counts: readonly number[]) =>
    round(counts.reduce((sum, n) => sum + n, 0) / Math.max(1, counts.length));
  const writtenBy = (source: SchemeItem['source']) =>
    meanOf(written.filter((_, index) => items[index]!.source === source).map((keys) => keys.length));
  const holders = new Map<string, number[]>();
  written.forEach((keys, index) => {
    for (const key of keys) holders.set(key, [...(holders.get(key) ?? []), index]);
  });
  let chance = 0;
  probed.forEach((keys, index) => {
    const hit = new Set<number>();
    for (const key of keys)
      for (const other of holders.get(key) ?? []) if (items[other]!.group !== items[index]!.group) hit.add(other);
    chance += hit.size;
  });
  const rate = chance / (items.length * (items.length - 1));
  return {
    writtenKeysPerNewArticle: {
      devPairItems: writtenBy('dev-pairs'),
      topicDevItems: writtenBy('topic-dev'),
      all: meanOf(written.map((keys) => keys.length)),
    },
    queriesPerArrivingItem: {
      mean: meanOf(probed.map((keys) => keys.length)),
      max: Math.max(...probed.map((k) => k.length)),
    },
    chanceCandidatePairRate: Number(rate.toPrecision(3)),
    chanceCandidatesPerItemAt100k: round(rate * 100_000),
  };
}

const round = (value: number) => Math.round(value * 100) / 100;
