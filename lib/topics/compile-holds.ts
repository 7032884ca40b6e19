import { assertNever } from '../result.ts';
import { evaluateMeta } from './evaluate-query.ts';
import { buildOrPrecheck } from './evaluation-shortcuts.ts';
import { cachedTerm, wordOccurs } from './find-term.ts';
import { compileNearHolds } from './near-holds.ts';
import type { PreparedArticle } from './prepare-article.ts';
import type { QueryNode } from './query-ast.ts';

/** Whether a query (or one clause) holds for an article; no evidence is collected. */
export type Holds = (article: PreparedArticle) => boolean;

interface CompiledClause {
  readonly holds: Holds;
  /** Rough work per call, so AND and OR try cheap clauses first. */
  readonly cost: number;
}

/**
 * Compiles a query once into closures that decide whether it holds. Most articles match no topic, so matching
 * runs this first and explains (evaluateQuery, the reference semantics) only the articles it accepts; a property
 * test holds the two equal on generated queries and articles. The closures skip the per-node dispatch and look-ups
 * of walking the tree, and they reorder: AND and OR are commutative here (every clause is a pure function of the
 * article), so a title word is checked before a site: host list, and a NEAR (near-holds.ts) runs last.
 */
export function compileHolds(root: QueryNode): Holds {
  return compile(root).holds;
}

function compile(node: QueryNode): CompiledClause {
  switch (node.kind) {
    case 'term': {
      // A single whole word is answered from the article's pattern hits without building evidence.
      if (node.words.length === 1 && !node.words[0]!.substring) {
        return { holds: (article) => wordOccurs(node, article), cost: 1 };
      }
      return { holds: (article) => cachedTerm(node, article).length > 0, cost: 2 + node.words.length };
    }
    case 'meta':
      // site: derives the article's host list on first use.
      return { holds: (article) => evaluateMeta(node, article) !== null, cost: node.field === 'site' ? 8 : 1 };
    case 'and':
      return every(node.children.map(compile));
    case 'or':
      return some(node);
    case 'not': {
      const child = compile(node.child);
      return { holds: (article) => !child.holds(article), cost: child.cost };
    }
    case 'near':
      return { holds: compileNearHolds(node), cost: 10 + compile(node.left).cost + compile(node.right).cost };
    default:
      return assertNever(node, 'query node');
  }
}

function every(clauses: CompiledClause[]): CompiledClause {
  const checks = byCost(clauses);
  return {
    holds: (article) => {
      for (const check of checks) if (!check(article)) return false;
      return true;
    },
    cost: costOf(clauses),
  };
}

function some(node: QueryNode & { kind: 'or' }): CompiledClause {
  const clauses = node.children.map(compile);
  const checks = byCost(clauses);
  // Word lists (`@sea`, `@tech`) are big ORs of plain terms, usually all absent: a few words of bits say so.
  const precheck = buildOrPrecheck(node);
  return {
    holds: (article) => {
      if (precheck !== null && !article.text.mayContainAny(precheck.slotMask, precheck.maxSlot)) return false;
      for (const check of checks) if (check(article)) return true;
      return false;
    },
    cost: costOf(clauses),
  };
}

function byCost(clauses: readonly CompiledClause[]): Holds[] {
  return [...clauses].sort((a, b) => a.cost - b.cost).map((clause) => clause.holds);
}

function costOf(clauses: readonly CompiledClause[]): number {
  return clauses.reduce((sum, clause) => sum + clause.cost, 0);
}
