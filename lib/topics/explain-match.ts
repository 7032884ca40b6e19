import {
  type Evidence,
  evaluateQuery,
  type NearEvidence,
  type PositionalEvidence,
  type WordEvidence,
} from './evaluate-query.ts';
import type { PreparedArticle } from './prepare-article.ts';
import { childrenOf, type QueryNode } from './query-ast.ts';

/** Stored with every topic entry and shown to readers, so it stays short. */
const MAX_WHY_LINES = 12;
const MAX_POSITIONS_SHOWN = 3;

/**
 * Evidence → human-readable lines, one per matched clause:
 *   title: "huawei" (word 3)
 *   summary: vietnam* = "vietnamese" (words 12, 40)
 *   huawei (title word 3) NEAR/25 vietnam* = "vietnam" (summary word 9): 13 words between
 */
export function whyLines(evidence: readonly Evidence[]): string[] {
  const grouped = new Map<string, { head: string; positions: number[] }>();
  const lines: string[] = [];
  const shownNear = new Set<unknown>();
  for (const item of evidence) {
    if (item.kind === 'word') {
      const { index, span } = item;
      const head = `${index.zoneAt(span.start)}: ${item.term.display}${actualWords(item)}`;
      const group = grouped.get(head);
      if (group) group.positions.push(index.zoneIndexAt(span.start));
      else grouped.set(head, { head, positions: [index.zoneIndexAt(span.start)] });
    } else if (item.kind === 'near') {
      // Pairs arrive closest first; one pair per NEAR clause is enough to show why it held.
      if (!shownNear.has(item.node)) lines.push(describeNear(item));
      shownNear.add(item.node);
    } else {
      lines.push(`${item.node.field}: ${item.node.value} (${item.found})`);
    }
  }
  const wordLines = [...grouped.values()].map(({ head, positions }) => `${head} (${describePositions(positions)})`);
  return [...new Set([...wordLines, ...lines])].slice(0, MAX_WHY_LINES);
}

function describePositions(positions: readonly number[]): string {
  const unique = [...new Set(positions)].sort((a, b) => a - b);
  const shown = unique.slice(0, MAX_POSITIONS_SHOWN).join(', ');
  const more = unique.length > MAX_POSITIONS_SHOWN ? ` +${unique.length - MAX_POSITIONS_SHOWN} more` : '';
  return `${unique.length === 1 ? 'word' : 'words'} ${shown}${more}`;
}

/** Shows the words actually found when they differ from what the query says (prefixes, folded diacritics). */
function actualWords(item: WordEvidence): string {
  // Whole words in ASCII text are exactly the query's words (nothing to fold): no need to find their text.
  const { term, index, span } = item;
  if (!term.prefix && !term.words.some((word) => word.substring) && index.isAsciiAt(span.start)) return '';
  let found = '';
  for (let position = item.span.start; position <= item.span.end; position++) {
    const glued =
      position > item.span.start && item.index.isUnspacedAt(position - 1) && item.index.isUnspacedAt(position);
    found += position === item.span.start || glued ? item.index.wordAt(position) : ` ${item.index.wordAt(position)}`;
  }
  const written = item.term.words.map((word) => word.text).join(' ');
  return found === written ? '' : ` = "${found}"`;
}

function describeSide(item: PositionalEvidence): string {
  if (item.kind === 'near') return `(${describeNear(item)})`;
  const { index, span } = item;
  return `${item.term.display}${actualWords(item)} (${index.zoneAt(span.start)} word ${index.zoneIndexAt(span.start)})`;
}

function describeNear(item: NearEvidence): string {
  const operator = `${item.node.ordered ? 'ONEAR' : 'NEAR'}/${item.node.distance}`;
  const apart = item.gap === 0 ? 'adjacent' : `${item.gap} ${item.gap === 1 ? 'word' : 'words'} between`;
  return `${describeSide(item.left)} ${operator} ${describeSide(item.right)}: ${apart}`;
}

/** One node of the structured explanation the CLI prints: every clause, whether it held, and its evidence. */
export interface ExplainNode {
  /** The clause as written in the query. */
  readonly clause: string;
  readonly kind: QueryNode['kind'];
  readonly matched: boolean;
  readonly evidence: readonly string[];
  readonly children: readonly ExplainNode[];
}

/** Re-evaluates every clause without short-circuiting: slower than matching, meant for analysts and the CLI. */
export function explainQuery(node: QueryNode, article: PreparedArticle, query: string): ExplainNode {
  const found = evaluateQuery(node, article);
  const children = childrenOf(node);
  return {
    clause: query.slice(node.start, node.end).replace(/\s+/g, ' '),
    kind: node.kind,
    matched: found !== null,
    evidence: found ? whyLines(found) : [],
    children: children.map((child) => explainQuery(child, article, query)),
  };
}

/** Indented text rendering: `✓` held, `✗` did not. */
export function renderExplanation(node: ExplainNode, indent = ''): string[] {
  const mark = node.matched ? '✓' : '✗';
  const head = `${indent}${mark} ${node.kind === 'term' || node.kind === 'meta' ? node.clause : node.kind.toUpperCase()}`;
  const detail = node.children.length === 0 && node.evidence.length > 0 ? `  — ${node.evidence.join('; ')}` : '';
  const lines = [`${head}${node.children.length > 0 ? `  ${abbreviate(node.clause)}` : ''}${detail}`];
  for (const child of node.children) lines.push(...renderExplanation(child, `${indent}  `));
  return lines;
}

function abbreviate(clause: string): string {
  return clause.length > 70 ? `${clause.slice(0, 67)}...` : clause;
}
