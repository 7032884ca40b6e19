import { assertNever } from '../result.ts';
import type { PreparedArticle } from './prepare-article.ts';
import {
  LEAD_SUMMARY_WORDS,
  type MetaNode,
  type NearNode,
  type OrNode,
  type QueryNode,
  type TermNode,
} from './query-ast.ts';
import type { WordIndex, WordSpan } from './word-index.ts';

const NO_EVIDENCE: readonly PositionalEvidence[] = Object.freeze([]);

/** Bounds work on texts that repeat a word hundreds of times; explanations only ever show the first few. */
const MAX_SPANS_PER_TERM = 64;
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

/**
 * Whether the query holds, without collecting evidence: OR stops at the first branch that holds and nothing is
 * concatenated. Most articles match no topic, so matching runs this first and explains only the ones that hold.
 */
export function queryHolds(node: QueryNode, article: PreparedArticle): boolean {
  switch (node.kind) {
    case 'term':
      return node.words.length === 1 && !node.words[0]!.substring
        ? wordOccurs(node, article)
        : cachedTerm(node, article).length > 0;
    case 'meta':
      return evaluateMeta(node, article) !== null;
    case 'and':
      return node.children.every((child) => queryHolds(child, article));
    case 'or':
      return !orCertainlyAbsent(node, article) && node.children.some((child) => queryHolds(child, article));
    case 'not':
      return !queryHolds(node.child, article);
    case 'near':
      return evaluateNear(node, article).length > 0;
    default:
      return assertNever(node, 'query node');
  }
}

/** A one-word term's existence check: a table lookup and a field test, no evidence objects, nothing cached. */
function wordOccurs(node: TermNode, article: PreparedArticle): boolean {
  const index = indexFor(node, article);
  if (!index.mayContain(node.words[0]!.text, node.firstWordSlot, node.diacriticSensitive)) return false;
  const positions = index.positionsOf(node.words[0]!.text, node.prefix, node.diacriticSensitive);
  for (const position of positions) if (inField(node.field, index, position)) return true;
  return false;
}

function cachedTerm(node: TermNode, article: PreparedArticle): readonly PositionalEvidence[] {
  // Absent words (most of them) are answered by the small index of query words before any cache lookup.
  const index = indexFor(node, article);
  if (!index.mayContain(node.words[0]!.text, node.firstWordSlot, node.diacriticSensitive)) return NO_EVIDENCE;
  let found = article.termCache.get(node.key);
  if (found === undefined) {
    found = findTerm(node, article);
    article.termCache.set(node.key, found);
  }
  return found;
}

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
        evidence.push(...found);
      }
      return evidence;
    }
    case 'or': {
      if (orCertainlyAbsent(node, article)) return null;
      let evidence: Evidence[] | null = null;
      for (const child of node.children) {
        const found = evaluateQuery(child, article);
        if (found === null) continue;
        evidence ??= [];
        evidence.push(...found);
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

function nullIfEmpty<T>(items: readonly T[]): readonly T[] | null {
  return items.length === 0 ? null : items;
}

function indexFor(term: TermNode, article: PreparedArticle): WordIndex {
  if (term.field === 'source') return article.sources;
  if (term.field === 'category') return article.categories;
  return article.text;
}

/** Every occurrence of a word or phrase in the term's field. */
export function findTerm(term: TermNode, article: PreparedArticle): readonly PositionalEvidence[] {
  const index = indexFor(term, article);
  if (!index.mayContain(term.words[0]!.text, term.firstWordSlot, term.diacriticSensitive)) return NO_EVIDENCE;
  const lastWord = term.words.length - 1;
  let spans = index.find(term.words[0]!, term.prefix && lastWord === 0, term.diacriticSensitive);
  if (spans.length === 0) return NO_EVIDENCE;
  for (let at = 1; at <= lastWord && spans.length > 0; at++) {
    const following = new Map<number, number>();
    for (const span of index.find(term.words[at]!, term.prefix && at === lastWord, term.diacriticSensitive)) {
      if (!following.has(span.start)) following.set(span.start, span.end);
    }
    const extended: WordSpan[] = [];
    for (const span of spans) {
      const end = following.get(span.end + 1);
      if (end !== undefined && index.segmentAt(span.start) === index.segmentAt(end)) {
        extended.push({ start: span.start, end });
      }
    }
    spans = extended;
  }
  const evidence: PositionalEvidence[] = [];
  for (const span of spans) {
    if (!inField(term.field, index, span.start)) continue;
    evidence.push({ kind: 'word', term, index, span });
    if (evidence.length >= MAX_SPANS_PER_TERM) break;
  }
  return evidence;
}

function inField(field: TermNode['field'], index: WordIndex, position: number): boolean {
  switch (field) {
    case 'title':
    case 'summary':
      return index.zoneAt(position) === field;
    case 'lead': {
      const zone = index.zoneAt(position);
      return zone === 'title' || (zone === 'summary' && index.zoneIndexAt(position) <= LEAD_SUMMARY_WORDS);
    }
    default:
      return true;
  }
}

function evaluateNear(node: NearNode, article: PreparedArticle): PositionalEvidence[] {
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

/** What an OR of plain terms needs to be ruled out without visiting its children. */
interface OrPrecheck {
  readonly words: readonly string[];
  readonly slots: Int32Array;
  readonly sensitive: Uint8Array;
  readonly prefixes: readonly string[];
}

const orPrechecks = new WeakMap<OrNode, OrPrecheck | null>();

/**
 * Word lists (`@sea`, `@tech`) are big ORs and usually absent. When every alternative is a title/summary term,
 * the whole OR is ruled out by a tight loop over the article's query-word index and prefix bitmap instead of a
 * visit per term.
 */
function orCertainlyAbsent(node: OrNode, article: PreparedArticle): boolean {
  let precheck = orPrechecks.get(node);
  if (precheck === undefined) {
    precheck = buildOrPrecheck(node);
    orPrechecks.set(node, precheck);
  }
  if (precheck === null) return false;
  const index = article.text;
  for (let at = 0; at < precheck.slots.length; at++) {
    if (index.mayContain(precheck.words[at]!, precheck.slots[at]!, precheck.sensitive[at] === 1)) return false;
  }
  for (const prefix of precheck.prefixes) if (article.text.mayStartWith(prefix)) return false;
  return true;
}

function buildOrPrecheck(node: OrNode): OrPrecheck | null {
  const words: string[] = [];
  const slots: number[] = [];
  const sensitive: number[] = [];
  const prefixes: string[] = [];
  for (const child of node.children) {
    if (child.kind !== 'term' || child.field === 'source' || child.field === 'category') return null;
    const first = child.words[0]!;
    if (child.firstWordSlot >= 0) {
      words.push(first.text);
      slots.push(child.firstWordSlot);
      sensitive.push(child.diacriticSensitive ? 1 : 0);
    } else if (child.prefix && child.words.length === 1 && !first.substring) {
      prefixes.push(first.text);
    } else {
      return null;
    }
  }
  return { words, slots: Int32Array.from(slots), sensitive: Uint8Array.from(sensitive), prefixes };
}

const leafCounts = new WeakMap<QueryNode, number>();

/** Terms under a node, computed once per compiled node. */
function leafCount(node: QueryNode): number {
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

/** The closest pair first, because explanations show the first one. */
function sortByGap(pairs: PositionalEvidence[]): PositionalEvidence[] {
  return pairs.sort((a, b) => (a.kind === 'near' ? a.gap : 0) - (b.kind === 'near' ? b.gap : 0));
}

function positional(evidence: readonly Evidence[] | null): PositionalEvidence[] {
  return (evidence ?? []).filter((item): item is PositionalEvidence => item.kind !== 'meta');
}

function evaluateMeta(node: MetaNode, article: PreparedArticle): Evidence[] | null {
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
