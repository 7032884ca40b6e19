/**
 * A cross-validated estimate: choose thresholds on one half of the labeled pairs, score them on the other half,
 * then swap. The grid holds the thresholds the decision exposes; the choice rule is the one used for the defaults:
 * the highest recall whose precision on the tuning half is >= MIN_TUNING_PRECISION, ties to the most conservative.
 */
import { createHash } from 'node:crypto';
import { prepareItem } from '../lib/dedupe/dedupe-item.ts';
import { foldAsIngest } from '../lib/dedupe/fold-as-ingest.ts';
import { defaultFoldThresholds, type FoldThresholds } from '../lib/dedupe/fold-thresholds.ts';
import type { ItemPair } from '../lib/dedupe/pair-file.ts';
import { type PairScore, scorePairs } from '../lib/dedupe/score-pairs.ts';

const MIN_TUNING_PRECISION = 0.98;

const GRID = {
  maxHoursApart: [48, 72, 96, 120, 168],
  minSummaryOverlap: [0.3, 0.4, 0.5, 0.6, 0.7],
  minTitleContainment: [0.2, 0.3, 0.4, 0.5, 0.6],
  maxHoursTitleAlone: [24, 48, 72, 96],
} as const;

type Prepared = { pair: ItemPair; stored: ReturnType<typeof prepareItem>; arriving: ReturnType<typeof prepareItem> };

function score(pairs: readonly Prepared[], thresholds: Partial<FoldThresholds>): PairScore {
  return scorePairs(
    pairs.map(({ pair, stored, arriving }) => ({
      pairId: pair.pairId,
      label: pair.label === true,
      duplicate: foldAsIngest(stored, arriving, { thresholds }).duplicate,
    })),
  );
}

function* grid(): Generator<Partial<FoldThresholds>> {
  for (const maxHoursApart of GRID.maxHoursApart)
    for (const minSummaryOverlap of GRID.minSummaryOverlap)
      for (const minTitleContainment of GRID.minTitleContainment)
        for (const maxHoursTitleAlone of GRID.maxHoursTitleAlone)
          yield { maxHoursApart, minSummaryOverlap, minTitleContainment, maxHoursTitleAlone };
}

/** Conservative = shorter windows, higher similarity bars. */
const conservatism = (t: Partial<FoldThresholds>) =>
  (t.minSummaryOverlap ?? 0) +
  (t.minTitleContainment ?? 0) -
  (t.maxHoursApart ?? 0) / 1000 -
  (t.maxHoursTitleAlone ?? 0) / 1000;

function tune(pairs: readonly Prepared[]): { thresholds: Partial<FoldThresholds>; tuning: PairScore } {
  let best: { thresholds: Partial<FoldThresholds>; tuning: PairScore } | undefined;
  for (const thresholds of grid()) {
    const tuning = score(pairs, thresholds);
    if (tuning.precision < MIN_TUNING_PRECISION) continue;
    const better =
      !best ||
      tuning.recall > best.tuning.recall ||
      (tuning.recall === best.tuning.recall && conservatism(thresholds) > conservatism(best.thresholds));
    if (better) best = { thresholds, tuning };
  }
  return best ?? { thresholds: defaultFoldThresholds, tuning: score(pairs, defaultFoldThresholds) };
}

/** Halves by a hash of the pair id, stratified by kind, so each half holds every hard kind. */
function split(pairs: readonly ItemPair[]): [ItemPair[], ItemPair[]] {
  const halves: [ItemPair[], ItemPair[]] = [[], []];
  const byKind = new Map<string, ItemPair[]>();
  for (const pair of pairs) byKind.set(pair.kind ?? '', [...(byKind.get(pair.kind ?? '') ?? []), pair]);
  for (const group of byKind.values()) {
    const ordered = [...group].sort((a, b) => digest(a.pairId).localeCompare(digest(b.pairId)));
    ordered.forEach((pair, index) => {
      halves[index % 2]?.push(pair);
    });
  }
  return halves;
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

export function crossValidate(pairs: readonly ItemPair[]) {
  const prepared = (list: readonly ItemPair[]) =>
    list.map((pair) => ({ pair, stored: prepareItem(pair.stored), arriving: prepareItem(pair.arriving) }));
  const [first, second] = split(pairs.filter((pair) => pair.label !== undefined)).map(prepared) as [
    Prepared[],
    Prepared[],
  ];
  const folds = [
    [first, second],
    [second, first],
  ].map(([tuneOn, testOn]) => {
    const { thresholds, tuning } = tune(tuneOn!);
    return { tunedOn: tuneOn!.length, thresholds, tuning, heldOut: score(testOn!, thresholds) };
  });
  const heldOut = scorePairs(
    folds.flatMap((fold, index) =>
      (index === 0 ? second : first).map(({ pair, stored, arriving }) => ({
        pairId: pair.pairId,
        label: pair.label === true,
        duplicate: foldAsIngest(stored, arriving, { thresholds: fold.thresholds }).duplicate,
      })),
    ),
  );
  return { choiceRule: `max recall with tuning precision >= ${MIN_TUNING_PRECISION}`, folds, heldOutPooled: heldOut };
}
