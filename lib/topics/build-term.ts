import { err, ok, type Result } from '../result.ts';
import type { QueryField, QueryNode, TermWord } from './query-ast.ts';
import { slotOfPrefix, slotOfWord } from './query-vocabulary.ts';
import { normalizeText, tokenizeText } from './tokenize-text.ts';

const HOST_LABELS = /^[a-z0-9-]+(\.[a-z0-9-]+)*$/;
const LANGUAGE_TAG = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/;

/** A word or phrase token as the lexer saw it, with its source span. */
export interface RawTerm {
  readonly type: 'word' | 'phrase';
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Turns a raw word/phrase into a term (text fields) or a label (site:, lang:); the error is a plain message. */
export function buildTerm(raw: RawTerm, field: QueryField): Result<QueryNode, string> {
  const display = raw.type === 'phrase' ? `"${raw.text}"` : raw.text;
  if (field === 'site' || field === 'lang') {
    const value = normalizeText(raw.text.trim())
      .replace(/^https?:\/\//, '')
      .replace(/^www\./, '')
      .replace(/\/.*$/, '');
    const pattern = field === 'site' ? HOST_LABELS : LANGUAGE_TAG;
    if (!pattern.test(value)) {
      const expected = field === 'site' ? 'a host name such as nikkei.com' : 'a language tag such as en or zh-hans';
      return err(`${field}: expects ${expected} (got ${display})`);
    }
    return ok({ kind: 'meta', field, value, start: raw.start, end: raw.end });
  }
  const text = raw.text.trim();
  const prefix = text.endsWith('*');
  const body = prefix ? text.slice(0, -1) : text;
  if (body.includes('*')) return err(`a * wildcard only goes at the very end of a word (in ${display})`);
  const words = tokenizeText(body);
  if (words.length === 0) return err(`${display} has no letters or digits to search for`);
  const last = words[words.length - 1]!;
  if (prefix && !last.unspaced && last.word.length < 2) {
    return err(`a prefix needs at least 2 characters before the * (in ${display})`);
  }
  const diacriticSensitive = words.some((word) => word.word !== word.folded);
  const termWords: TermWord[] = [];
  let previousEnd = -1;
  for (const word of words) {
    const text = diacriticSensitive ? word.word : word.folded;
    const before = termWords[termWords.length - 1];
    // The segmenter may split 华为 into 华|为; as a character run it must stay one piece.
    if (word.unspaced && before?.substring && previousEnd === word.start) {
      termWords[termWords.length - 1] = { text: before.text + text, substring: true };
    } else {
      termWords.push({ text, substring: word.unspaced });
    }
    previousEnd = word.end;
  }
  const prefixed = prefix && !last.unspaced;
  // Every word (and a trailing prefix) is registered, so articles record where it occurs while they are indexed.
  const slots = termWords.map((word, at) =>
    word.substring ? -1 : prefixed && at === termWords.length - 1 ? slotOfPrefix(word.text) : slotOfWord(word.text),
  );
  const wordKey = termWords.map((word) => `${word.substring ? '~' : ''}${word.text}`).join(' ');
  return ok({
    kind: 'term',
    key: `${field}|${prefixed ? '*' : ''}|${diacriticSensitive ? '!' : ''}|${display}|${wordKey}`,
    slots,
    field,
    words: termWords,
    prefix: prefixed,
    diacriticSensitive,
    display,
    start: raw.start,
    end: raw.end,
  });
}
