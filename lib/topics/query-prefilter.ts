import type { Article } from '../model.ts';
import { assertNever } from '../result.ts';
import { articleTextOf } from './article-text.ts';
import type { QueryNode, TermNode } from './query-ast.ts';

/**
 * A necessary condition for a query, found at compile time: a match implies the article's normalized title and
 * summary contain at least one of these strings. Testing it costs a few `includes` on a string shared by all
 * topics, so topics that cannot match skip the word index and the matcher. `undefined` means no constraint.
 *
 * Why it is sound: every word the index finds is a slice of `ArticleText.normalized`, and when that text has no
 * non-ASCII letter every word is its own folded form (otherwise diacritic-insensitive literals pass); a term needs all its words, so any one of them (a prefix term's stem included) must
 * occur; AND and NEAR need all their sides, so any side's condition holds; OR needs one branch, so the union.
 * NOT, source:, category:, site: and lang: constrain nothing in this text, so they pass everything.
 */
export interface Prefilter {
  readonly literals: readonly Literal[];
  /** Every literal as one alternation: one pass over the text instead of one `includes` per literal. */
  readonly inText: RegExp;
  /** Some literal comes from a diacritic-insensitive term (viet also matches việt). */
  readonly anyFolded: boolean;
}

export interface Literal {
  readonly text: string;
  /** The term ignores diacritics: the text may occur in the folded text (viet in việt) as well. */
  readonly folded: boolean;
}

/** Literals one of which a matching article contains, or undefined: no constraint. */
type Literals = readonly Literal[] | undefined;

/** Past this many alternatives the screen costs about what it saves; no constraint is always sound. */
const MAX_LITERALS = 200;

/** The query's prefilter, compiled to regular expressions; undefined when the query constrains no text. */
export function buildPrefilter(root: QueryNode): Prefilter | undefined {
  const literals = literalsOf(root);
  if (literals === undefined) return undefined;
  return { literals, inText: alternation(literals), anyFolded: literals.some((literal) => literal.folded) };
}

function alternation(literals: readonly Literal[]): RegExp {
  // No flags: the text is already case-folded, and without `u` a literal matches exactly where `includes` would.
  return new RegExp(literals.map((literal) => literal.text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'));
}

function literalsOf(node: QueryNode): Literals {
  switch (node.kind) {
    case 'term':
      return termLiteral(node);
    case 'meta':
    case 'not':
      return undefined;
    case 'and':
      return mostSelective(node.children.map(literalsOf));
    case 'near':
      return mostSelective([literalsOf(node.left), literalsOf(node.right)]);
    case 'or': {
      const literals: Literal[] = [];
      for (const child of node.children) {
        const found = literalsOf(child);
        if (found === undefined) return undefined;
        literals.push(...found);
      }
      return literals.length > MAX_LITERALS ? undefined : literals;
    }
    default:
      return assertNever(node, 'query node');
  }
}

/** Whether the article can possibly match a query with this prefilter. */
export function prefilterPasses(prefilter: Prefilter | undefined, article: Article): boolean {
  if (prefilter === undefined) return true;
  const text = articleTextOf(article);
  if (prefilter.inText.test(text.normalized)) return true;
  // A folded word (viet from việt) is not in the text as written. Folding the text would cost more than the
  // matcher it saves, so text with non-ASCII letters simply passes when some term ignores diacritics.
  return prefilter.anyFolded && text.hasNonAsciiWord;
}

/** The longest word of the term: longer strings occur in fewer texts. */
function termLiteral(term: TermNode): Literals {
  if (term.field === 'source' || term.field === 'category') return undefined;
  let best = term.words[0]!.text;
  for (const word of term.words) if (word.text.length > best.length) best = word.text;
  return [{ text: best, folded: !term.diacriticSensitive }];
}

/** Of conditions that must all hold, the one that rules out most: fewest alternatives, then the longest short one. */
function mostSelective(conditions: readonly Literals[]): Literals {
  let best: Literals;
  for (const condition of conditions) {
    if (condition === undefined) continue;
    if (best === undefined || score(condition) > score(best)) best = condition;
  }
  return best;
}

function score(literals: readonly Literal[]): number {
  const shortest = Math.min(...literals.map((literal) => literal.text.length));
  return Math.min(shortest, 8) * 1000 - literals.length;
}
