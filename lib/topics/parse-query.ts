import { err, ok, type Result } from '../result.ts';
import { buildTerm } from './build-term.ts';
import { describeToken, lexQuery, type QueryToken, startsOperand } from './lex-query.ts';
import {
  DEFAULT_NEAR_DISTANCE,
  isPositional,
  type QueryError,
  type QueryErrorKind,
  type QueryField,
  type QueryLimits,
  type QueryNode,
  spanOf,
  topicQueryLimits,
} from './query-ast.ts';
import { queryError } from './query-error.ts';

/** How many times over its written term limit a query may grow once `@definitions` are expanded. */
const EXPANSION_FACTOR = 8;

/**
 * Recursive descent over the tokens. Precedence, tightest first:
 *   NOT (prefix)  >  NEAR/n, ONEAR/n (left-assoc)  >  AND and adjacency  >  OR
 * `a NOT b` reads as `a AND NOT b`. A field prefix (`title:`) applies to the word, phrase or group right after it.
 */
export function parseQuery(query: string, limits: QueryLimits = topicQueryLimits): Result<QueryNode, QueryError> {
  if (query.length > limits.maxLength) {
    const message = `query is ${query.length} characters long; the limit is ${limits.maxLength}`;
    return err(queryError('too-long', message, query, limits.maxLength));
  }
  const lexed = lexQuery(query);
  if (!lexed.ok) return lexed;
  const first = lexed.value[0]!;
  if (first.type === 'eof') return err(queryError('empty', 'the query is empty', query, 0));
  const parser = new Parser(query, lexed.value, limits);
  try {
    return ok(parser.parseAll());
  } catch (failure) {
    if (failure instanceof ParseFailure) return err(failure.error);
    throw failure;
  }
}

/** Internal control flow only: parseQuery turns it into an `err` value, so no caller ever sees it. */
class ParseFailure extends Error {
  constructor(readonly error: QueryError) {
    super(error.message);
  }
}

class Parser {
  private index = 0;
  private depth = 0;
  private termCount = 0;
  private expandedTermCount = 0;
  private countingTerms = true;
  /** Definition name → index of the first token of its body. */
  private readonly definitions = new Map<string, number>();

  constructor(
    private readonly query: string,
    private readonly tokens: readonly QueryToken[],
    private readonly limits: QueryLimits,
  ) {}

  parseAll(): QueryNode {
    this.parseDefinitions();
    if (this.peek().type === 'eof') {
      this.fail('empty', 'the query has definitions but no expression that uses them', this.peek().start);
    }
    const node = this.parseOr('any');
    const next = this.peek();
    if (next.type === 'rparen') this.fail('unexpected-token', 'this ")" has no matching "("', next.start);
    if (next.type !== 'eof') this.fail('unexpected-token', `unexpected ${describeToken(next)}`, next.start);
    return node;
  }

  /**
   * `@name = primary` lines before the expression. A definition is kept as a token range and parsed again at
   * each use, so a field prefix at the use site (`title:@prc`) applies to it exactly as it would to a group.
   */
  private parseDefinitions(): void {
    for (let name = this.peek(); name.type === 'ref' && this.tokens[this.index + 1]?.type === 'equals'; ) {
      if (this.definitions.has(name.name)) {
        this.fail('duplicate-name', `@${name.name} is already defined`, name.start);
      }
      this.index += 2;
      const start = this.index;
      this.parsePrimary('any', this.tokens[start - 1]);
      this.definitions.set(name.name, start);
      name = this.peek();
    }
  }

  private expand(reference: Extract<QueryToken, { type: 'ref' }>, field: QueryField): QueryNode {
    const start = this.definitions.get(reference.name);
    if (start === undefined) {
      const known = [...this.definitions.keys()].map((name) => `@${name}`).join(' ') || 'none';
      this.fail(
        'unknown-name',
        `@${reference.name} is not defined before this point (defined: ${known})`,
        reference.start,
      );
    }
    const resume = this.index;
    const counting = this.countingTerms;
    this.index = start;
    this.countingTerms = false; // the analyst wrote these terms once; the once-written count is what limits them
    this.enter(reference);
    const node = this.parsePrimary(field);
    this.depth--;
    this.index = resume;
    this.countingTerms = counting;
    return node;
  }

  private parseOr(field: QueryField): QueryNode {
    const children = [this.parseAnd(field)];
    while (this.peek().type === 'or') {
      const operator = this.next();
      children.push(this.parseAnd(field, operator));
    }
    return children.length === 1 ? children[0]! : { kind: 'or', children, ...spanOf(children) };
  }

  private parseAnd(field: QueryField, after?: QueryToken): QueryNode {
    const children = [this.parseNear(field, after)];
    for (;;) {
      const next = this.peek();
      if (next.type === 'and') {
        this.next();
        children.push(this.parseNear(field, next));
      } else if (startsOperand(next)) {
        children.push(this.parseNear(field)); // adjacency is AND; `a NOT b` lands here as `a AND (NOT b)`
      } else {
        break;
      }
    }
    return children.length === 1 ? children[0]! : { kind: 'and', children, ...spanOf(children) };
  }

  private parseNear(field: QueryField, after?: QueryToken): QueryNode {
    let left = this.parseUnary(field, after);
    for (let next = this.peek(); next.type === 'near'; next = this.peek()) {
      this.next();
      const distance = next.distance ?? DEFAULT_NEAR_DISTANCE;
      if (distance > this.limits.maxNearDistance) {
        const message = `NEAR allows at most ${this.limits.maxNearDistance} words between its sides (got ${distance})`;
        this.fail('bad-near', message, next.start);
      }
      const right = this.parseUnary(field, next);
      this.requirePositional(left);
      this.requirePositional(right);
      left = { kind: 'near', left, right, distance, ordered: next.ordered, start: left.start, end: right.end };
    }
    return left;
  }

  private parseUnary(field: QueryField, after?: QueryToken): QueryNode {
    const next = this.peek();
    if (next.type !== 'not') return this.parsePrimary(field, after);
    this.next();
    this.enter(next);
    const child = this.parseUnary(field, next);
    this.depth--;
    return { kind: 'not', child, start: next.start, end: child.end };
  }

  private parsePrimary(field: QueryField, after?: QueryToken): QueryNode {
    const token = this.next();
    switch (token.type) {
      case 'word':
      case 'phrase': {
        if (this.countingTerms && ++this.termCount > this.limits.maxTerms) {
          this.fail('too-many-terms', `more than ${this.limits.maxTerms} terms in one query`, token.start);
        }
        // Definitions used inside definitions multiply; cap what matching would have to evaluate.
        if (++this.expandedTermCount > this.limits.maxTerms * EXPANSION_FACTOR) {
          const message = `more than ${this.limits.maxTerms * EXPANSION_FACTOR} terms once definitions are expanded`;
          this.fail('too-many-terms', message, token.start);
        }
        const term = buildTerm(token, field);
        if (!term.ok) this.fail('bad-term', term.error, token.start);
        return term.value;
      }
      case 'ref':
        return this.expand(token, field);
      case 'field': {
        // The node's span includes its field prefix, so errors and explanations quote `title:x`, not `x`.
        const inner = this.parsePrimary(token.name as QueryField, token);
        return { ...inner, start: token.start };
      }
      case 'lparen': {
        this.enter(token);
        const inner = this.parseOr(field);
        const close = this.next();
        if (close.type !== 'rparen') this.fail('unclosed-paren', 'this "(" is never closed', token.start);
        this.depth--;
        return { ...inner, start: token.start, end: close.end };
      }
      default: {
        const what = after ? `after ${describeToken(after)}` : 'here';
        const message = `expected a word, a "phrase" or a "(" ${what}, found ${describeToken(token)}`;
        return this.fail('missing-operand', message, token.start);
      }
    }
  }

  private requirePositional(node: QueryNode): void {
    if (isPositional(node)) return;
    const message =
      'NEAR/ONEAR measure distance between words: each side must be words, phrases, prefixes or OR-groups of them ' +
      '(AND, NOT, source:, category:, site: and lang: have no position)';
    this.fail('bad-near', message, node.start);
  }

  private enter(token: QueryToken): void {
    if (++this.depth > this.limits.maxDepth) {
      this.fail('too-deep', `nesting deeper than ${this.limits.maxDepth} levels`, token.start);
    }
  }

  private peek(): QueryToken {
    return this.tokens[this.index]!;
  }

  private next(): QueryToken {
    const token = this.tokens[this.index]!;
    if (token.type !== 'eof') this.index++;
    return token;
  }

  private fail(kind: QueryErrorKind, message: string, position: number): never {
    throw new ParseFailure(queryError(kind, message, this.query, position));
  }
}
