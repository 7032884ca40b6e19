/** Precision/recall bookkeeping for labeled pairs, as `../shared/dedupe/score` computes it. */
export interface ScoredPair {
  readonly pairId: string;
  readonly label: boolean;
  readonly duplicate: boolean;
  readonly kind?: string;
}

export interface PairScore {
  readonly pairs: number;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly tn: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** Per kind: kinds hold only duplicates or only non-duplicates, so one figure says it all. */
export interface KindScore {
  readonly kind: string;
  readonly label: 0 | 1;
  readonly n: number;
  /** recall for duplicate kinds, false-fold rate fp/(fp+tn) for the others. */
  readonly metric: 'recall' | 'false-fold-rate';
  readonly value: number;
}

export function scorePairs(scored: readonly ScoredPair[]): PairScore {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const { label, duplicate } of scored) {
    if (label && duplicate) tp++;
    else if (!label && duplicate) fp++;
    else if (label) fn++;
    else tn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { pairs: scored.length, tp, fp, fn, tn, precision: round(precision), recall: round(recall), f1: round(f1) };
}

export function scoreByKind(scored: readonly ScoredPair[]): KindScore[] {
  const byKind = new Map<string, ScoredPair[]>();
  for (const pair of scored) {
    const kind = pair.kind ?? '(none)';
    byKind.set(kind, [...(byKind.get(kind) ?? []), pair]);
  }
  return [...byKind.entries()]
    .map(([kind, pairs]): KindScore => {
      const positives = pairs.filter((pair) => pair.label);
      const isPositiveKind = positives.length * 2 >= pairs.length;
      const hits = pairs.filter((pair) => pair.duplicate === pair.label).length;
      const folded = pairs.filter((pair) => pair.duplicate).length;
      return isPositiveKind
        ? { kind, label: 1, n: pairs.length, metric: 'recall', value: round(hits / pairs.length) }
        : { kind, label: 0, n: pairs.length, metric: 'false-fold-rate', value: round(folded / pairs.length) };
    })
    .sort((a, b) => b.label - a.label || a.kind.localeCompare(b.kind));
}

const round = (value: number) => Math.round(value * 1000) / 1000;
