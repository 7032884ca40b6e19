import type { FoldOptions, FoldWhy } from './decide-fold.ts';
import { foldAsIngest } from './fold-as-ingest.ts';
import { type ItemPair, type PairLineError, parsePairFile } from './pair-file.ts';
import { type KindScore, type PairScore, scoreByKind, scorePairs } from './score-pairs.ts';

export interface DecisionLine {
  readonly pair_id: string;
  readonly duplicate: boolean;
  readonly why: FoldWhy;
}

export interface LabelReport {
  readonly overall: PairScore;
  readonly unlabeled: number;
  readonly byKind: readonly KindScore[];
  readonly wrong: readonly (DecisionLine & { readonly label: boolean; readonly kind?: string })[];
}

export interface PairsRun {
  readonly decisionLines: readonly DecisionLine[];
  readonly report?: LabelReport;
  readonly errors: readonly PairLineError[];
}

/**
 * The whole `dedupe pairs` command minus the I/O, so the bench and the tests run exactly what the CLI runs.
 * Each pair goes through foldAsIngest — ingest's candidate lookup and decideFold, the function ingest calls — with
 * the thresholds given (defaults in the CLI).
 */
export function runPairs(text: string, options: FoldOptions & { labels?: boolean } = {}): PairsRun {
  const { pairs, errors } = parsePairFile(text);
  const decided = pairs.map((pair) => ({ pair, decision: foldAsIngest(pair.stored, pair.arriving, options) }));
  const decisionLines = decided.map(({ pair, decision }) => ({
    pair_id: pair.pairId,
    duplicate: decision.duplicate,
    why: decision.why,
  }));
  if (!options.labels) return { decisionLines, errors };
  return { decisionLines, errors, report: labelReport(decided) };
}

function labelReport(decided: readonly { pair: ItemPair; decision: { duplicate: boolean; why: FoldWhy } }[]) {
  const labeled = decided.filter(({ pair }) => pair.label !== undefined);
  const scored = labeled.map(({ pair, decision }) => ({
    pairId: pair.pairId,
    label: pair.label === true,
    duplicate: decision.duplicate,
    ...(pair.kind ? { kind: pair.kind } : {}),
  }));
  const wrong = labeled
    .filter(({ pair, decision }) => pair.label !== decision.duplicate)
    .map(({ pair, decision }) => ({
      pair_id: pair.pairId,
      label: pair.label === true,
      ...(pair.kind ? { kind: pair.kind } : {}),
      duplicate: decision.duplicate,
      why: decision.why,
    }));
  return {
    overall: scorePairs(scored),
    unlabeled: decided.length - labeled.length,
    byKind: scoreByKind(scored),
    wrong,
  } satisfies LabelReport;
}
