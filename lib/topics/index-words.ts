import type { PatternHits } from './pattern-hits.ts';
import * as vocabulary from './query-vocabulary.ts';
import { scanWords } from './tokenize-text.ts';

/** How many words a scan found, and whether any is in a script written without spaces. */
export interface ScanSummary {
  readonly words: number;
  readonly unspaced: boolean;
}

// Module-local copies: the hot loop below reads them per character, and a transpiled import is a getter call.
const SYMBOL_OF = vocabulary.SYMBOL_OF;
const ASCII_SYMBOLS = vocabulary.ASCII_SYMBOLS;
const APOSTROPHE_SYMBOL = vocabulary.APOSTROPHE_SYMBOL;
const { nextNode, vocabularyTrie } = vocabulary;
const S_CODE = 115;
const APOSTROPHE = 39;
/** 1 for a-z and 0-9: the word characters of text that has no others. */
const WORD_CODE = new Uint8Array(128);
for (let code = 0; code < 128; code++) WORD_CODE[code] = SYMBOL_OF[code]! >= 0 && code !== APOSTROPHE ? 1 : 0;

/**
 * Scans normalized text whose letters and digits are all ASCII (most English feeds), numbering words from
 * `firstPosition`: one pass over the char codes that finds the words exactly like scanWords (runs of [a-z0-9]
 * joined across single inner apostrophes, a possessive 's dropped) and walks each word down the vocabulary trie
 * as it goes. Nothing is sliced or hashed; once no pattern continues, the rest of the word is skipped.
 */
export function recordAsciiWords(
  text: string,
  firstPosition: number,
  /** Undefined to find only the word bounds: then no word is walked down the trie. */
  hits: PatternHits | undefined,
  /** When given, receives each word's start and end offsets (for explanations, which need the words' text). */
  bounds?: number[],
): ScanSummary {
  const { asciiEdges, wordSlot, prefixSlot } = vocabularyTrie();
  const written = hits?.written ?? [];
  const length = text.length;
  let position = firstPosition;
  let at = 0;
  while (at < length) {
    let code = text.charCodeAt(at);
    if (code >= 128 || WORD_CODE[code] === 0) {
      at++;
      continue;
    }
    const start = at;
    // The root's row; 0 once no registered pattern continues this way (or when only bounds are wanted).
    let node = hits === undefined ? 0 : asciiEdges[SYMBOL_OF[code]!]!;
    let nodeBeforeApostrophe = 0;
    let wordNode = 0;
    // Never read past the end below: V8 deoptimizes a loop whose charCodeAt goes out of bounds.
    while (node !== 0) {
      // No pattern ends in an apostrophe, so this only finds prefixes that end in a letter or digit.
      if (prefixSlot[node]! >= 0) written.push(prefixSlot[node]!, position, start);
      code = ++at < length ? text.charCodeAt(at) : -1;
      if (code >= 0 && code < 128 && WORD_CODE[code] === 1) {
        node = asciiEdges[node * ASCII_SYMBOLS + SYMBOL_OF[code]!]!;
      } else if (code === APOSTROPHE && joinsNext(text, at)) {
        nodeBeforeApostrophe = node;
        node = asciiEdges[node * ASCII_SYMBOLS + APOSTROPHE_SYMBOL]!;
      } else {
        wordNode = node; // the word ended while patterns still matched it
        break;
      }
    }
    if (wordNode === 0) {
      // No pattern continues: skip the rest of the word.
      for (;;) {
        code = ++at < length ? text.charCodeAt(at) : -1;
        if (code >= 0 && code < 128 && WORD_CODE[code] === 1) continue;
        if (code !== APOSTROPHE || !joinsNext(text, at)) break;
        nodeBeforeApostrophe = 0;
      }
    }
    // "China's" is the word china: the walk went past the apostrophe, the node before it is china's node.
    // (A prefix cannot have matched inside the 's either: query words are tokenized the same way.)
    const possessive = at - start > 2 && text.charCodeAt(at - 1) === S_CODE && text.charCodeAt(at - 2) === APOSTROPHE;
    if (possessive) wordNode = nodeBeforeApostrophe;
    if (wordNode !== 0 && wordSlot[wordNode]! >= 0) written.push(wordSlot[wordNode]!, position, start);
    if (bounds !== undefined) bounds.push(start, possessive ? at - 2 : at);
    position++;
  }
  return { words: position - firstPosition, unspaced: false };
}

/**
 * Where the ASCII word starting at `start` ends (before a possessive 's), by the rules of recordAsciiWords: for
 * the text of one matched word without scanning the segment again.
 */
export function asciiWordEnd(text: string, start: number): number {
  let at = start;
  for (;;) {
    const code = ++at < text.length ? text.charCodeAt(at) : -1;
    if (code >= 0 && code < 128 && WORD_CODE[code] === 1) continue;
    if (code !== APOSTROPHE || !joinsNext(text, at)) break;
  }
  const possessive = at - start > 2 && text.charCodeAt(at - 1) === S_CODE && text.charCodeAt(at - 2) === APOSTROPHE;
  return possessive ? at - 2 : at;
}

/** Whether the apostrophe at `at` joins two word characters (it is followed by one; one precedes it). */
function joinsNext(text: string, at: number): boolean {
  if (at + 1 >= text.length) return false;
  const after = text.charCodeAt(at + 1);
  return after < 128 && WORD_CODE[after] === 1;
}

/**
 * Scans any other text through scanWords (Unicode letters, diacritic folding, Intl.Segmenter for scripts written
 * without spaces): each word is walked down the trie as written and, when folding changes it, as folded.
 */
export function recordAnyWords(text: string, firstPosition: number, hits: PatternHits): ScanSummary {
  const writtenPrefixes: number[] = [];
  let position = firstPosition;
  let anyUnspaced = false;
  scanWords(text, (word, folded, start, unspaced) => {
    const at = position++;
    anyUnspaced ||= unspaced;
    writtenPrefixes.length = 0;
    walk(word, (slot, isPrefix) => {
      if (isPrefix) writtenPrefixes.push(slot);
      hits.written.push(slot, at, start);
    });
    if (folded === word) return;
    walk(folded, (slot, isPrefix) => {
      // A prefix the word already starts with as written is one occurrence, not two.
      if (!isPrefix || !writtenPrefixes.includes(slot)) hits.folded.push(slot, at, start);
    });
  });
  return { words: position - firstPosition, unspaced: anyUnspaced };
}

/** Calls `found` for every registered prefix of `word` and for `word` itself when it is a registered word. */
function walk(word: string, found: (slot: number, isPrefix: boolean) => void): void {
  const { wordSlot, prefixSlot } = vocabularyTrie();
  let node = 0;
  for (let at = 0; at < word.length; at++) {
    node = nextNode(node, word.charCodeAt(at));
    if (node === 0) return;
    if (prefixSlot[node]! >= 0) found(prefixSlot[node]!, true);
  }
  if (wordSlot[node]! >= 0) found(wordSlot[node]!, false);
}
