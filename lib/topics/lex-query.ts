import { err, ok, type Result } from '../result.ts';
import { FIELD_NAMES, type QueryError } from './query-ast.ts';
import { queryError } from './query-error.ts';

/** Operators are written in capitals so the ordinary words "and", "or", "not", "near" stay searchable. */
export type QueryToken =
  | { readonly type: 'lparen' | 'rparen' | 'and' | 'or' | 'not'; readonly start: number; readonly end: number }
  | {
      readonly type: 'near';
      readonly distance: number | undefined;
      readonly ordered: boolean;
      readonly start: number;
      readonly end: number;
    }
  | { readonly type: 'field'; readonly name: string; readonly start: number; readonly end: number }
  | { readonly type: 'ref'; readonly name: string; readonly start: number; readonly end: number }
  | { readonly type: 'equals'; readonly start: number; readonly end: number }
  | { readonly type: 'word' | 'phrase'; readonly text: string; readonly start: number; readonly end: number }
  | { readonly type: 'eof'; readonly start: number; readonly end: number };

const NEAR_OPERATOR = /^(O?NEAR)(?:\/(\d{1,6}))?$/;
const NEAR_LIKE = /^o?near(\/.*)?$/i;
const FIELD_PREFIX = /^([A-Za-z]+):/;
const DEFINITION_NAME = /^@([A-Za-z][A-Za-z0-9_-]{0,39})$/;
const WORD_STOP = /[\s()"]/;

export function lexQuery(query: string): Result<QueryToken[], QueryError> {
  const tokens: QueryToken[] = [];
  let at = 0;
  while (at < query.length) {
    const char = query[at]!;
    if (/\s/.test(char)) {
      at++;
    } else if (char === '#' && (at === 0 || /\s/.test(query[at - 1]!))) {
      // `# …` to the end of the line is a comment, so long topic queries can say why each rule is there.
      const lineEnd = query.indexOf('\n', at);
      at = lineEnd === -1 ? query.length : lineEnd;
    } else if (char === '(' || char === ')') {
      tokens.push({ type: char === '(' ? 'lparen' : 'rparen', start: at, end: at + 1 });
      at++;
    } else if (char === '"') {
      const close = query.indexOf('"', at + 1);
      if (close === -1) return err(queryError('unclosed-quote', 'this quote is never closed', query, at));
      tokens.push({ type: 'phrase', text: query.slice(at + 1, close), start: at, end: close + 1 });
      at = close + 1;
    } else {
      let end = at;
      while (end < query.length && !WORD_STOP.test(query[end]!)) end++;
      const lexed = lexWord(query, query.slice(at, end), at, end);
      if (!lexed.ok) return lexed;
      tokens.push(...lexed.value);
      at = end;
    }
  }
  tokens.push({ type: 'eof', start: query.length, end: query.length });
  return ok(tokens);
}

function lexWord(query: string, raw: string, start: number, end: number): Result<QueryToken[], QueryError> {
  if (raw === 'AND' || raw === 'OR' || raw === 'NOT') {
    return ok([{ type: raw === 'AND' ? 'and' : raw === 'OR' ? 'or' : 'not', start, end }]);
  }
  if (raw === '=') return ok([{ type: 'equals', start, end }]);
  if (raw.startsWith('@')) {
    const name = DEFINITION_NAME.exec(raw)?.[1];
    if (name) return ok([{ type: 'ref', name: name.toLowerCase(), start, end }]);
    const message = `a definition name is @ followed by a letter, then letters, digits, - or _ (got "${raw}")`;
    return err(queryError('bad-term', message, query, start));
  }
  const near = NEAR_OPERATOR.exec(raw);
  if (near) {
    const distance = near[2] === undefined ? undefined : Number(near[2]);
    return ok([{ type: 'near', distance, ordered: near[1] === 'ONEAR', start, end }]);
  }
  if (NEAR_LIKE.test(raw)) {
    const message = `write proximity as NEAR/n or ONEAR/n in capitals with a whole number, e.g. NEAR/10 (got "${raw}")`;
    return err(queryError('bad-near', message, query, start));
  }
  const field = FIELD_PREFIX.exec(raw);
  if (!field) return ok([{ type: 'word', text: raw, start, end }]);
  const name = field[1]!.toLowerCase();
  if (!FIELD_NAMES.includes(name)) {
    const known = FIELD_NAMES.map((known) => `${known}:`).join(' ');
    const message = `unknown field "${field[1]}:" (known fields: ${known}; quote the term to search for a colon)`;
    return err(queryError('unknown-field', message, query, start));
  }
  const valueStart = start + field[0].length;
  const next = query[valueStart];
  if (next === undefined || /[\s)]/.test(next)) {
    const message = `field "${name}:" needs a value right after the colon (a word, a "phrase" or a group)`;
    return err(queryError('missing-operand', message, query, valueStart));
  }
  const tokens: QueryToken[] = [{ type: 'field', name, start, end: valueStart }];
  if (valueStart < end && (name === 'site' || name === 'lang')) {
    // Labels are raw: `site:https://www.nikkei.com/asia` must not read "https:" as another field.
    tokens.push({ type: 'word', text: raw.slice(field[0].length), start: valueStart, end });
  } else if (valueStart < end) {
    const rest = lexWord(query, raw.slice(field[0].length), valueStart, end);
    if (!rest.ok) return rest;
    tokens.push(...rest.value);
  }
  return ok(tokens);
}

/** Tokens that can begin an operand; after an operand they mean implicit AND. */
export function startsOperand(token: QueryToken): boolean {
  return ['word', 'phrase', 'field', 'ref', 'lparen', 'not'].includes(token.type);
}

/** A token as error messages name it. */
export function describeToken(token: QueryToken): string {
  switch (token.type) {
    case 'eof':
      return 'the end of the query';
    case 'near':
      return token.ordered ? 'ONEAR' : 'NEAR';
    case 'word':
    case 'phrase':
      return `"${token.text}"`;
    case 'field':
      return `${token.name}:`;
    case 'ref':
      return `@${token.name}`;
    case 'equals':
      return '"="';
    case 'lparen':
      return '"("';
    case 'rparen':
      return '")"';
    default:
      return token.type.toUpperCase();
  }
}
