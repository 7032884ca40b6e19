import type { Article } from '../model.ts';
import type { CompiledTopic } from './compile-topic.ts';
import { itemToArticle, type LabeledItem } from './item-to-article.ts';
import { matchArticle } from './match-topic.ts';

export interface Confusion {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly tn: number;
}

export interface Scores extends Confusion {
  readonly n: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface ScoredItem {
  readonly item: LabeledItem;
  readonly article: Article;
  readonly matched: boolean;
  readonly why: readonly string[];
}

export interface LabelReport {
  readonly all: Scores;
  /** Items the labeler did not flag as grey-zone: the cleaner signal. */
  readonly unambiguous: Scores;
  readonly byBucket: Readonly<Record<string, Scores>>;
  readonly falsePositives: readonly ScoredItem[];
  readonly falseNegatives: readonly ScoredItem[];
}

/** Runs the topic over labeled items and reports precision/recall/F1 plus every error for the analyst to read. */
export function scoreLabels(topic: CompiledTopic, items: readonly LabeledItem[]): LabelReport {
  const scored: ScoredItem[] = items.map((item) => {
    const article = itemToArticle(item);
    const membership = matchArticle(topic, article);
    return { item, article, matched: membership !== undefined, why: membership?.why ?? [] };
  });
  const buckets = [...new Set(scored.map(({ item }) => item.bucket ?? 'unbucketed'))].sort();
  return {
    all: scoresOf(scored),
    unambiguous: scoresOf(scored.filter(({ item }) => !item.ambiguous)),
    byBucket: Object.fromEntries(
      buckets.map((bucket) => [
        bucket,
        scoresOf(scored.filter(({ item }) => (item.bucket ?? 'unbucketed') === bucket)),
      ]),
    ),
    falsePositives: scored.filter(({ item, matched }) => matched && item.label !== 1),
    falseNegatives: scored.filter(({ item, matched }) => !matched && item.label === 1),
  };
}

export function scoresOf(scored: readonly { item: LabeledItem; matched: boolean }[]): Scores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const { item, matched } of scored) {
    if (item.label === 1) matched ? tp++ : fn++;
    else matched ? fp++ : tn++;
  }
  // An empty denominator means "nothing to get wrong": report 0 rather than NaN so JSON stays valid.
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { n: scored.length, tp, fp, fn, tn, precision, recall, f1 };
}
