import * as vocabulary from './query-vocabulary.ts';
import { scanWords } from './tokenize-text.ts';

/** What the scanners below tell the word index (word-index.ts) about each word they find. */
export interface WordRecorder {
  /** The position the next word will get. */
  readonly length: number;
  /** Appends a word: `start`/`end` are offsets of the word (without a possessive 's) in its segment's text. */
  addWord(segment: number, start: number, end: number): void;
  /** The word at `position` is, or starts with, the pattern in `slot`, as written. */
  addHit(slot: number, position: number): void;
  /** The same, reached only through the word's diacritic-folded form (việt → viet). */
  addFoldedHit(slot: number, position: number): void;
  /** Extra facts about words outside ASCII, which only the general scanner finds. */
  setFolded(position: number, folded: string): void;
  markUnspaced(position: number): void;
}

// Module-local copies: the hot loop below reads them per character, and a transpiled import is a getter call.
const SYMBOL_OF = vocabulary.SYMBOL_OF;
const ASCII_SYMBOLS = vocabulary.ASCII_SYMBOLS;
const APOSTROPHE_SYMBOL = vocabulary.APOSTROPHE_SYMBOL;
const { nextNode, vocabularyTrie } = vocabulary;
const S_CODE = 115;
const APOSTROPHE = 39;

/**
 * Indexes normalized text whose letters and digits are all ASCII (most English feeds): one pass over the char
 * codes that finds the words exactly like scanWords (runs of [a-z0-9] joined across single inner apostrophes, a
 * possessive 's dropped) and walks each word down the vocabulary trie as it goes. Nothing is sliced or hashed:
 * a word no query mentions costs a few table reads.
 */
export function recordAsciiWords(text: string, segment: number, recorder: WordRecorder): void {
  const { asciiEdges, wordSlot, prefixSlot } = vocabularyTrie();
  const length = text.length;
  let at = 0;
  while (at < length) {
    let code = text.charCodeAt(at);
    let symbol = code < 128 ? SYMBOL_OF[code]! : -1;
    if (symbol < 0 || symbol === APOSTROPHE_SYMBOL) {
      at++;
      continue;
    }
    const start = at;
    const position = recorder.length;
    let node = 0; // the root; -1 once no registered pattern continues this way
    let nodeBeforeApostrophe = -1;
    for (;;) {
      if (node >= 0) {
        node = asciiEdges[node * ASCII_SYMBOLS + symbol]! || -1;
        // No pattern ends in an apostrophe, so only letters and digits can complete a prefix.
        if (node > 0 && prefixSlot[node]! >= 0) recorder.addHit(prefixSlot[node]!, position);
      }
      at++;
      code = text.charCodeAt(at); // NaN past the end: not a word character
      symbol = code < 128 ? SYMBOL_OF[code]! : -1;
      if (symbol >= 0 && symbol !== APOSTROPHE_SYMBOL) continue;
      if (symbol === APOSTROPHE_SYMBOL && isAsciiWordChar(text.charCodeAt(at + 1))) {
        nodeBeforeApostrophe = node;
        continue;
      }
      break;
    }
    // "China's" is the word china. The trie walk went past the apostrophe; the node before it is china's node.
    // (A prefix cannot have matched inside the 's either: query words are tokenized the same way.)
    const possessive = at - start > 2 && text.charCodeAt(at - 1) === S_CODE && text.charCodeAt(at - 2) === APOSTROPHE;
    const wordNode = possessive ? nodeBeforeApostrophe : node;
    if (wordNode > 0 && wordSlot[wordNode]! >= 0) recorder.addHit(wordSlot[wordNode]!, position);
    recorder.addWord(segment, start, possessive ? at - 2 : at);
  }
}

function isAsciiWordChar(code: number): boolean {
  const symbol = code < 128 ? SYMBOL_OF[code]! : -1;
  return symbol >= 0 && symbol !== APOSTROPHE_SYMBOL;
}

/**
 * Indexes any other text through scanWords (Unicode letters, diacritic folding, Intl.Segmenter for scripts
 * written without spaces): each word is walked down the trie as written and, when folding changes it, as folded.
 */
export function recordAnyWords(text: string, segment: number, recorder: WordRecorder): void {
  const writtenPrefixes: number[] = [];
  scanWords(text, (word, folded, start, unspaced) => {
    const position = recorder.length;
    writtenPrefixes.length = 0;
    walk(word, (slot, isPrefix) => {
      if (isPrefix) writtenPrefixes.push(slot);
      recorder.addHit(slot, position);
    });
    if (folded !== word) {
      walk(folded, (slot, isPrefix) => {
        // A prefix the word already starts with as written is one occurrence, not two.
        if (!isPrefix || !writtenPrefixes.includes(slot)) recorder.addFoldedHit(slot, position);
      });
      recorder.setFolded(position, folded);
    }
    if (unspaced) recorder.markUnspaced(position);
    recorder.addWord(segment, start, start + word.length);
  });
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
