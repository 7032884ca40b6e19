import type { PreparedArticle } from './prepare-article.ts';
import type { OrNode, QueryNode } from './query-ast.ts';

/**
 * What an OR of plain terms needs to be ruled out without visiting its children: the first-word slot of each,
 * as a bit mask over the query vocabulary, tested against the article's bitmap of patterns that occur.
 */
export interface OrPrecheck {
  readonly slotMask: Uint32Array;
  readonly maxSlot: number;
}

const orPrechecks = new WeakMap<OrNode, OrPrecheck | null>();

/**
 * Word lists (`@sea`, `@tech`) are big ORs and usually absent. When every alternative is a title/summary term,
 * the whole OR is ruled out by AND-ing a few words of bits instead of a visit per term. (A diacritic-sensitive
 * word counts as present when only its folded form occurs: this only decides whether to look closer.)
 */
export function orCertainlyAbsent(node: OrNode, article: PreparedArticle): boolean {
  let precheck = orPrechecks.get(node);
  if (precheck === undefined) {
    precheck = buildOrPrecheck(node);
    orPrechecks.set(node, precheck);
  }
  return precheck !== null && !article.text.mayContainAny(precheck.slotMask, precheck.maxSlot);
}

export function buildOrPrecheck(node: OrNode): OrPrecheck | null {
  const slots: number[] = [];
  for (const child of node.children) {
    if (child.kind !== 'term' || child.field === 'source' || child.field === 'category') return null;
    // A character run has no slot; a full vocabulary neither (then the index cannot rule the word out).
    if (child.slots[0]! < 0) return null;
    slots.push(child.slots[0]!);
  }
  const maxSlot = Math.max(...slots);
  const slotMask = new Uint32Array((maxSlot >> 5) + 1);
  for (const slot of slots) slotMask[slot >> 5]! |= 1 << (slot & 31);
  return { slotMask, maxSlot };
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
