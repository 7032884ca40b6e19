import type { PreparedArticle } from './prepare-article.ts';
import type { OrNode, QueryNode } from './query-ast.ts';

/** What an OR of plain terms needs to be ruled out without visiting its children: each one's first-word slot. */
export interface OrPrecheck {
  readonly slots: Int32Array;
  readonly sensitive: Uint8Array;
}

const orPrechecks = new WeakMap<OrNode, OrPrecheck | null>();

/**
 * Word lists (`@sea`, `@tech`) are big ORs and usually absent. When every alternative is a title/summary term,
 * the whole OR is ruled out by a tight loop over the article's index of query words and prefixes instead of a
 * visit per term.
 */
export function orCertainlyAbsent(node: OrNode, article: PreparedArticle): boolean {
  let precheck = orPrechecks.get(node);
  if (precheck === undefined) {
    precheck = buildOrPrecheck(node);
    orPrechecks.set(node, precheck);
  }
  if (precheck === null) return false;
  const index = article.text;
  for (let at = 0; at < precheck.slots.length; at++) {
    if (index.mayContain(precheck.slots[at]!, precheck.sensitive[at] === 1)) return false;
  }
  return true;
}

export function buildOrPrecheck(node: OrNode): OrPrecheck | null {
  const slots: number[] = [];
  const sensitive: number[] = [];
  for (const child of node.children) {
    if (child.kind !== 'term' || child.field === 'source' || child.field === 'category') return null;
    // A character run has no slot; a full vocabulary neither (then the index cannot rule the word out).
    if (child.slots[0]! < 0) return null;
    slots.push(child.slots[0]!);
    sensitive.push(child.diacriticSensitive ? 1 : 0);
  }
  return { slots: Int32Array.from(slots), sensitive: Uint8Array.from(sensitive) };
}

const leafCounts = new WeakMap<QueryNode, number>();

/** Terms under a node, computed once per compiled node. */
export function leafCount(node: QueryNode): number {
  let count = leafCounts.get(node);
  if (count === undefined) {
    count =
      node.kind === 'and' || node.kind === 'or'
        ? node.children.reduce((sum, child) => sum + leafCount(child), 0)
        : node.kind === 'not'
          ? leafCount(node.child)
          : node.kind === 'near'
            ? leafCount(node.left) + leafCount(node.right)
            : 1;
    leafCounts.set(node, count);
  }
  return count;
}
