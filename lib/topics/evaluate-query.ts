import { assertNever } from '../result.ts';
import { leafCount, orCertainlyAbsent } from './evaluation-shortcuts.ts';
import { cachedTerm, termMayOccur } from './find-term.ts';
import type { PreparedArticle } from './prepare-article.ts';
import type { MetaNode, NearNode, QueryNode, TermNode } from './query-ast.ts';
import type { WordIndex, WordSpan } from './word-index.ts';

/** Bounds work on texts that repeat a word hundreds of times; explanations only ever show the first few. */
const MAX_NEAR_PAIRS = 16;

/** Why a clause matched. Positional evidence carries a span so NEAR can measure it. */
export interface WordEvidence {
  readonly kind: 'word';
  readonly term: TermNode;
  readonly index: WordIndex;
  readonly span: WordSpan;
}

export interface NearEvidence {
  readonly kind: 'near';
  readonly node: NearNode;
  readonly left: PositionalEvidence;
  readonly right: PositionalEvidence;
  /** Words between the two sides (adjacent = 0). */
  readonly gap: number;
  readonly span: WordSpan;
}

export interface MetaEvidence {
  readonly kind: 'meta';
  readonly node: MetaNode;
  readonly found: string;
}

export type PositionalEvidence = WordEvidence | NearEvidence;
export type Evidence = PositionalEvidence | MetaEvidence;

/** `null`: the clause does not hold. An array (possibly empty, e.g. for NOT): it holds, and this is why. */
export function evaluateQuery(node: QueryNode, article: PreparedArticle): readonly Evidence[] | null {
  switch (node.kind) {
    case 'term': {
      const found = cachedTerm(node, article);
      return found.length === 0 ? null : found;
    }
    case 'meta':
      return evaluateMeta(node, article);
    case 'and': {
      const evidence: Evidence[] = [];
      for (const child of node.children) {
        const found = evaluateQuery(child, article);
        if (found === null) return null;
        append(evidence, found);
      }
      return evidence;
    }
    case 'or': {
      if (orCertainlyAbsent(node, article)) return null;
      let evidence: Evidence[] | null = null;
      for (const child of node.children) {
        // Word lists are long and mostly absent: a term whose first word does not occur is skipped without a
        // visit (cachedTerm would answer the same from the same check).
        if (child.kind === 'term' && !termMayOccur(child, article)) continue;
        const found = evaluateQuery(child, article);
        if (found === null) continue;
        evidence ??= [];
        append(evidence, found);
      }
      return evidence;
    }
    case 'not':
      return evaluateQuery(node.child, article) === null ? [] : null;
    case 'near':
      return nullIfEmpty(evaluateNear(node, article));
    default:
      return assertNever(node, 'query node');
  }
}

/** `push(...items)` without spreading arguments: this runs for every clause of every matched article. */
function append(evidence: Evidence[], items: readonly Evidence[]): void {
  for (const item of items) evidence.push(item);
}

function nullIfEmpty<T>(items: readonly T[]): readonly T[] | null {
  return items.length === 0 ? null : items;
}

export function evaluateNear(node: NearNode, article: PreparedArticle): PositionalEvidence[] {
  // Look up the side with fewer terms first: when it is absent, the other side is never evaluated.
  const rightFirst = leafCount(node.right) < leafCount(node.left);
  const first = positional(evaluateQuery(rightFirst ? node.right : node.left, article));
  if (first.length === 0) return [];
  const second = positional(evaluateQuery(rightFirst ? node.left : node.right, article));
  const left = rightFirst ? second : first;
  const right = rightFirst ? first : second;
  const pairs: PositionalEvidence[] = [];
  for (const a of left) {
    for (const b of right) {
      // Words strictly between the two sides; overlapping spans (one word matching both sides) never count.
      const gap =
        b.span.start > a.span.end ? b.span.start - a.span.end - 1 : node.ordered ? -1 : a.span.start - b.span.end - 1;
      if (gap < 0 || gap > node.distance) continue;
      const span = { start: Math.min(a.span.start, b.span.start), end: Math.max(a.span.end, b.span.end) };
      pairs.push({ kind: 'near', node, left: a, right: b, gap, span });
      if (pairs.length >= MAX_NEAR_PAIRS) return sortByGap(pairs);
    }
  }
  return sortByGap(pairs);
}

/** The closest pair first, because explanations show the first one. */
function sortByGap(pairs: PositionalEvidence[]): PositionalEvidence[] {
  return pairs.sort((a, b) => (a.kind === 'near' ? a.gap : 0) - (b.kind === 'near' ? b.gap : 0));
}

function positional(evidence: readonly Evidence[] | null): PositionalEvidence[] {
  return (evidence ?? []).filter((item): item is PositionalEvidence => item.kind !== 'meta');
}

export function evaluateMeta(node: MetaNode, article: PreparedArticle): Evidence[] | null {
  if (node.field === 'site') {
    const host = article.hosts.find((host) => host === node.value || host.endsWith(`.${node.value}`));
    return host === undefined ? null : [{ kind: 'meta', node, found: host }];
  }
  const language = article.language;
  if (language === undefined) return null;
  return language === node.value || language.startsWith(`${node.value}-`)
    ? [{ kind: 'meta', node, found: language }]
    : null;
}
