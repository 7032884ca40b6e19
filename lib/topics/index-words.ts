import * as vocabulary from './query-vocabulary.ts';
import { scanWords } from './tokenize-text.ts';

/**
 * What the scanners below report to the word index (word-index.ts): only where registered query patterns occur.
 * Words themselves are not stored while scanning; the index re-tokenizes a segment in the rare case it needs a
 * word's text (explanations, patterns registered later), and a test holds both tokenizations equal.
 */
export interface HitRecorder {
  /** The word at `position` is, or starts with, the pattern in `slot`, as written. */
  addHit(slot: number, position: number): void;
  /** The same, reached only through the word's diacritic-folded form (việt → viet). */
  addFoldedHit(slot: number, position: number): void;
}

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
export function recordAsciiWords(text: string, firstPosition: number, recorder: HitRecorder): ScanSummary {
  const { asciiEdges, wordSlot, prefixSlot } = vocabularyTrie();
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
    let node = 0; // the root; 0 again once no registered pattern continues this way
    let nodeBeforeApostrophe = 0;
    for (;;) {
      // `code` is a word character, or an apostrophe with one after it: both join the word.
      if (node !== 0 || at === start) {
        if (code === APOSTROPHE) nodeBeforeApostrophe = node;
        node = asciiEdges[node * ASCII_SYMBOLS + (code === APOSTROPHE ? APOSTROPHE_SYMBOL : SYMBOL_OF[code]!)]!;
        // No pattern ends in an apostrophe, so only letters and digits can complete a prefix.
        if (node !== 0 && prefixSlot[node]! >= 0) recorder.addHit(prefixSlot[node]!, position);
      } else if (code === APOSTROPHE) {
        nodeBeforeApostrophe = 0;
      }
      // Never read past the end: V8 deoptimizes a loop whose charCodeAt goes out of bounds.
      if (++at === length) break;
      code = text.charCodeAt(at);
      if (code < 128 && WORD_CODE[code] === 1) continue;
      if (code === APOSTROPHE && at + 1 < length) {
        const after = text.charCodeAt(at + 1);
        if (after < 128 && WORD_CODE[after] === 1) continue;
      }
      break;
    }
    // "China's" is the word china: the trie walk went past the apostrophe, the node before it is china's node.
    // (A prefix cannot have matched inside the 's either: query words are tokenized the same way.)
    const possessive = at - start > 2 && text.charCodeAt(at - 1) === S_CODE && text.charCodeAt(at - 2) === APOSTROPHE;
    const wordNode = possessive ? nodeBeforeApostrophe : node;
    if (wordNode !== 0 && wordSlot[wordNode]! >= 0) recorder.addHit(wordSlot[wordNode]!, position);
    position++;
  }
  return { words: position - firstPosition, unspaced: false };
}

/**
 * Scans any other text through scanWords (Unicode letters, diacritic folding, Intl.Segmenter for scripts written
 * without spaces): each word is walked down the trie as written and, when folding changes it, as folded.
 */
export function recordAnyWords(text: string, firstPosition: number, recorder: HitRecorder): ScanSummary {
  const writtenPrefixes: number[] = [];
  let position = firstPosition;
  let anyUnspaced = false;
  scanWords(text, (word, folded, _start, unspaced) => {
    const at = position++;
    anyUnspaced ||= unspaced;
    writtenPrefixes.length = 0;
    walk(word, (slot, isPrefix) => {
      if (isPrefix) writtenPrefixes.push(slot);
      recorder.addHit(slot, at);
    });
    if (folded === word) return;
    walk(folded, (slot, isPrefix) => {
      // A prefix the word already starts with as written is one occurrence, not two.
      if (!isPrefix || !writtenPrefixes.includes(slot)) recorder.addFoldedHit(slot, at);
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
