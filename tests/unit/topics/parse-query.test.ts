import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../lib/topics/parse-query.ts';
import { printQuery } from '../../../lib/topics/print-query.ts';
import { adhocQueryLimits, type QueryErrorKind, topicQueryLimits } from '../../../lib/topics/query-ast.ts';

function tree(query: string): string {
  const parsed = parseQuery(query);
  if (!parsed.ok) throw new Error(`expected ${query} to parse: ${parsed.error.message}`);
  return printQuery(parsed.value);
}

describe('parseQuery grammar and precedence', () => {
  it.each([
    ['huawei', 'huawei'],
    ['Huawei', 'huawei'],
    ['a b', '(AND a b)'],
    ['a AND b', '(AND a b)'],
    ['a OR b', '(OR a b)'],
    ['a OR b c', '(OR a (AND b c))'],
    ['a b OR c', '(OR (AND a b) c)'],
    ['a AND b OR c AND d', '(OR (AND a b) (AND c d))'],
    ['(a OR b) c', '(AND (OR a b) c)'],
    ['NOT a b', '(AND (NOT a) b)'],
    ['a NOT b', '(AND a (NOT b))'],
    ['a AND NOT b', '(AND a (NOT b))'],
    ['NOT NOT a', '(NOT (NOT a))'],
    ['a NEAR/5 b', '(NEAR/5 a b)'],
    ['a NEAR b', '(NEAR/10 a b)'],
    ['a ONEAR/3 b', '(ONEAR/3 a b)'],
    ['a NEAR/0 b', '(NEAR/0 a b)'],
    ['a NEAR/5 b c', '(AND (NEAR/5 a b) c)'],
    ['a OR b NEAR/5 c', '(OR a (NEAR/5 b c))'],
    ['(a OR b) NEAR/5 c', '(NEAR/5 (OR a b) c)'],
    ['a NEAR/2 b NEAR/3 c', '(NEAR/3 (NEAR/2 a b) c)'],
    ['"south china sea"', '"south china sea"'],
    ['"e-commerce"', '"e commerce"'],
    ['e-commerce', '"e commerce"'],
    ['cyber*', 'cyber*'],
    ['"digital econom*"', '"digital econom"*'],
    ['title:huawei', 'title:huawei'],
    ['TITLE:huawei', 'title:huawei'],
    ['title:"coast guard"', 'title:"coast guard"'],
    ['title:(a OR b) c', '(AND (OR title:a title:b) c)'],
    ['title:(a summary:b)', '(AND title:a summary:b)'],
    ['summary:x source:reuters category:tech', '(AND summary:x source:reuters category:tech)'],
    ['site:asia.nikkei.com', 'site:asia.nikkei.com'],
    ['site:https://www.Nikkei.com/path', 'site:nikkei.com'],
    ['lang:id', 'lang:id'],
    ['lang:zh-Hans', 'lang:zh-hans'],
    ['huawei OR 华为', '(OR huawei 华为)'],
    ['Việt', 'việt'],
    ['viet', 'viet'],
    ["China's", 'china'],
    ['ｈｕａｗｅｉ', 'huawei'],
    ['and or not', '(AND and or not)'],
    ['lead:huawei', 'lead:huawei'],
    ['@x = (a OR b)\n@x c', '(AND (OR a b) c)'],
    ['@x = (a OR b) title:@x', '(OR title:a title:b)'],
    ['@x = (a OR summary:b) title:@x', '(OR title:a summary:b)'],
    ['@x = a @y = (@x OR b) NOT @y', '(NOT (OR a b))'],
    ['@X = a @x', 'a'],
    ['a # a comment OR b\nc', '(AND a c)'],
    ['# only a comment line\na', 'a'],
    ['a#b', '"a b"'],
  ])('%j → %s', (query, expected) => {
    expect(tree(query)).toBe(expected);
  });
});

describe('parseQuery errors carry kind, position and a caret line', () => {
  it.each<[string, QueryErrorKind, number]>([
    ['', 'empty', 0],
    ['   ', 'empty', 0],
    ['a AND', 'missing-operand', 5],
    ['OR a', 'missing-operand', 0],
    ['(a OR b', 'unclosed-paren', 0],
    ['a OR b)', 'unexpected-token', 6],
    ['"south china', 'unclosed-quote', 0],
    ['foo:bar', 'unknown-field', 0],
    ['title: huawei', 'missing-operand', 6],
    ['a near/5 b', 'bad-near', 2],
    ['a NEAR/-1 b', 'bad-near', 2],
    ['a NEAR/5000 b', 'bad-near', 2],
    ['a NEAR/5 NOT b', 'bad-near', 9],
    ['(a AND b) NEAR/5 c', 'bad-near', 0],
    ['site:x NEAR/5 c', 'bad-near', 0],
    ['cy*ber', 'bad-term', 0],
    ['a*', 'bad-term', 0],
    ['+++', 'bad-term', 0],
    ['site:"not a host"', 'bad-term', 5],
    ['lang:english!', 'bad-term', 5],
    ['@x = a', 'empty', 6],
    ['@x = a @y', 'unknown-name', 7],
    ['@x = @x a', 'unknown-name', 5],
    ['@x = a @x = b @x', 'duplicate-name', 7],
    ['@1 = a', 'bad-term', 0],
    ['@x = AND', 'missing-operand', 5],
    ['# nothing but a comment', 'empty', 0],
  ])('%j → %s at %i', (query, kind, position) => {
    const parsed = parseQuery(query);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.kind).toBe(kind);
    expect(parsed.error.position).toBe(position);
    expect(parsed.error.caret.split('\n')[1]).toBe(`${' '.repeat(position)}^`);
  });

  it('reports line and column inside a multi-line query', () => {
    const parsed = parseQuery('(china OR beijing)\n  AND (vietnam OR\n  NEAR/5 x)');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toMatchObject({ kind: 'missing-operand', line: 3, column: 3 });
    expect(parsed.error.caret).toBe('  NEAR/5 x)\n  ^');
  });

  it('caps what definitions expand to, not only what was written', () => {
    // Each level doubles the previous one: 2^12 terms from 26 written ones.
    const levels = Array.from({ length: 12 }, (_, i) => `@d${i + 1} = (@d${i} OR @d${i})`).join('\n');
    const parsed = parseQuery(`@d0 = (a OR b)\n${levels}\n@d12`);
    expect(parsed.ok || parsed.error.message).toBe('more than 3200 terms once definitions are expanded');
  });

  it('refuses pathological queries with clear limits', () => {
    const long = parseQuery('a '.repeat(5000));
    expect(long.ok || long.error.kind).toBe('too-long');
    const deep = parseQuery(`${'('.repeat(40)}a${')'.repeat(40)}`);
    expect(deep.ok || deep.error.kind).toBe('too-deep');
    const deepNot = parseQuery(`${'NOT '.repeat(40)}a`);
    expect(deepNot.ok || deepNot.error.kind).toBe('too-deep');
    const many = parseQuery(Array.from({ length: 401 }, (_, i) => `w${i}`).join(' OR '));
    expect(many.ok || many.error.message).toBe('more than 400 terms in one query');
    const adhoc = parseQuery(Array.from({ length: 41 }, (_, i) => `w${i}`).join(' '), adhocQueryLimits);
    expect(adhoc.ok || adhoc.error.kind).toBe('too-many-terms');
    expect(parseQuery(Array.from({ length: 400 }, (_, i) => `w${i}`).join(' OR '), topicQueryLimits).ok).toBe(true);
  });
});

describe('parseQuery never throws', () => {
  const alphabet = fc.constantFrom(
    ...['a', 'b', ' ', '(', ')', '"', '*', ':', '/', '-', 'AND', 'OR', 'NOT', 'NEAR/3', 'ONEAR/', 'NEAR', 'title:'],
    ...['site:', 'lang:', 'x:', '华为', 'ไทย', 'ệ', '\n', '0', '99999999', "'s", '&', 'site:a.b', 'lead:'],
    ...['@a', '@b', ' = ', '=', '#', ' # ', '@'],
  );
  const queryish = fc.array(alphabet, { maxLength: 30 }).map((parts) => parts.join(''));

  it('returns ok or err for any string, with the error position inside the text', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 80 }), queryish),
        (q) => {
          const parsed = parseQuery(q, adhocQueryLimits);
          if (parsed.ok) {
            expect(typeof printQuery(parsed.value)).toBe('string');
          } else {
            expect(parsed.error.position).toBeGreaterThanOrEqual(0);
            expect(parsed.error.position).toBeLessThanOrEqual(q.length);
            expect(parsed.error.message.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
