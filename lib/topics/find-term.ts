import type { PositionalEvidence } from './evaluate-query.ts';
import type { PreparedArticle } from './prepare-article.ts';
import type { TermNode, TermWord } from './query-ast.ts';
import { LEAD_SUMMARY_WORDS } from './query-ast.ts';
import type { WordIndex, WordSpan } from './word-index.ts';

/**
 * Term lookups: the leaves of every query. Absent words (most of them) are answered by the article's small index
 * of query words before anything is allocated.
 */

const NO_EVIDENCE: readonly PositionalEvidence[] = Object.freeze([]);
/** Bounds work on texts that repeat a word hundreds of times; explanations only ever show the first few. */
const MAX_SPANS_PER_TERM = 64;

const WHOLE_INDEX_FIELDS: ReadonlySet<TermNode['field']> = new Set(['any', 'source', 'category']);

/** A one-word term's existence check: a table lookup and a field test, no evidence objects, nothing cached. */
export function wordOccurs(node: TermNode, article: PreparedArticle): boolean {
  const index = indexFor(node, article);
  if (!index.mayContain(node.slots[0]!, node.diacriticSensitive)) return false;
  // For a pattern the index knows, mayContain is exact; a field that is the whole index needs no positions.
  if (index.knows(node.slots[0]!) && WHOLE_INDEX_FIELDS.has(node.field)) return true;
  const positions = index.positionsOf(node.words[0]!.text, node.slots[0]!, node.prefix, node.diacriticSensitive);
  for (const position of positions) if (inField(node.field, index, position)) return true;
  return false;
}

/**
 * Appends the spans of the term's evidence (what cachedTerm would return) as flat (start, end) pairs: for a
 * one-word term straight from its positions, without evidence objects; NEAR only needs where the words are.
 */
export function appendTermSpans(node: TermNode, article: PreparedArticle, spans: number[]): void {
  if (node.words.length > 1 || node.words[0]!.substring) {
    for (const found of cachedTerm(node, article)) spans.push(found.span.start, found.span.end);
    return;
  }
  const index = indexFor(node, article);
  if (!index.mayContain(node.slots[0]!, node.diacriticSensitive)) return;
  let count = 0;
  for (const position of index.positionsOf(node.words[0]!.text, node.slots[0]!, node.prefix, node.diacriticSensitive)) {
    if (!inField(node.field, index, position)) continue;
    spans.push(position, position);
    if (++count >= MAX_SPANS_PER_TERM) return;
  }
}

/** False when the term's first word (or prefix) certainly does not occur in its field's index. */
export function termMayOccur(node: TermNode, article: PreparedArticle): boolean {
  return indexFor(node, article).mayContain(node.slots[0]!, node.diacriticSensitive);
}

export function cachedTerm(node: TermNode, article: PreparedArticle): readonly PositionalEvidence[] {
  // Absent words (most of them) are answered by the small index of query words before any cache lookup.
  if (!termMayOccur(node, article)) return NO_EVIDENCE;
  let found = article.termCache.get(node.key);
  if (found === undefined) {
    found = findTerm(node, article);
    article.termCache.set(node.key, found);
  }
  return found;
}

export function indexFor(term: TermNode, article: PreparedArticle): WordIndex {
  if (term.field === 'source') return article.sources;
  if (term.field === 'category') return article.categories;
  return article.text;
}

/** Every occurrence of a word or phrase in the term's field. */
export function findTerm(term: TermNode, article: PreparedArticle): readonly PositionalEvidence[] {
  const index = indexFor(term, article);
  if (!index.mayContain(term.slots[0]!, term.diacriticSensitive)) return NO_EVIDENCE;
  const lastWord = term.words.length - 1;
  let spans = spansOf(index, term, 0);
  if (spans.length === 0) return NO_EVIDENCE;
  for (let at = 1; at <= lastWord && spans.length > 0; at++) {
    const following = new Map<number, number>();
    for (const span of spansOf(index, term, at)) {
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

/** Where word `at` of the term occurs: whole words by position, character runs by searching the joined text. */
function spansOf(index: WordIndex, term: TermNode, at: number): readonly WordSpan[] {
  const word: TermWord = term.words[at]!;
  if (word.substring) return index.findRun(word.text);
  const prefix = term.prefix && at === term.words.length - 1;
  const positions = index.positionsOf(word.text, term.slots[at]!, prefix, term.diacriticSensitive);
  return positions.map((position) => ({ start: position, end: position }));
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
