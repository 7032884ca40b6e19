import { assertNever } from '../result.ts';
import { evaluateNear, evaluateQuery } from './evaluate-query.ts';
import { buildOrPrecheck } from './evaluation-shortcuts.ts';
import { appendTermSpans } from './find-term.ts';
import type { PreparedArticle } from './prepare-article.ts';
import type { NearNode, QueryNode } from './query-ast.ts';

/** Appends where a NEAR side occurs, as flat (start, end) pairs of word positions. */
type SpanSource = (article: PreparedArticle, spans: number[]) => void;

/**
 * Whether a NEAR clause holds, from word positions alone. A pair exists among the sides' spans or it does not,
 * whatever order they come in, so this needs exactly the spans evaluateNear would pair (the same per-term cap;
 * a nested NEAR's own first pairs) but none of its evidence objects. compile-holds.test.ts holds the two equal.
 */
export function compileNearHolds(node: NearNode): (article: PreparedArticle) => boolean {
  const left = compileSpans(node.left);
  const right = compileSpans(node.right);
  const { distance, ordered } = node;
  return (article) => {
    const a: number[] = [];
    left(article, a);
    if (a.length === 0) return false;
    const b: number[] = [];
    right(article, b);
    for (let i = 0; i < a.length; i += 2) {
      for (let j = 0; j < b.length; j += 2) {
        // Words strictly between the two sides, as evaluateNear counts them; overlapping spans never count.
        const gap = b[j]! > a[i + 1]! ? b[j]! - a[i + 1]! - 1 : ordered ? -1 : a[i]! - b[j + 1]! - 1;
        if (gap >= 0 && gap <= distance) return true;
      }
    }
    return false;
  };
}

function compileSpans(node: QueryNode): SpanSource {
  switch (node.kind) {
    case 'term':
      return (article, spans) => appendTermSpans(node, article, spans);
    case 'or': {
      const children = node.children.map(compileSpans);
      const precheck = buildOrPrecheck(node);
      return (article, spans) => {
        if (precheck !== null && !article.text.mayContainAny(precheck.slotMask, precheck.maxSlot)) return;
        for (const child of children) child(article, spans);
      };
    }
    case 'near':
      return (article, spans) => {
        for (const pair of evaluateNear(node, article)) spans.push(pair.span.start, pair.span.end);
      };
    case 'and':
    case 'not':
    case 'meta':
      // The parser refuses these inside NEAR (they have no position); evaluate them the reference way anyway.
      return (article, spans) => {
        for (const found of evaluateQuery(node, article) ?? []) {
          if (found.kind !== 'meta') spans.push(found.span.start, found.span.end);
        }
      };
    default:
      return assertNever(node, 'query node');
  }
}
