import type { TermWord } from './query-ast.ts';
import type { TextWord } from './tokenize-text.ts';

/** Which part of the article a word came from; positions restart at 1 per zone in explanations. */
export type Zone = 'title' | 'summary' | 'source' | 'category';

/** A run of matched words: positions into WordIndex.words, end inclusive. */
export interface WordSpan {
  readonly start: number;
  readonly end: number;
}

export interface IndexedWord extends TextWord {
  readonly zone: Zone;
  /** Phrases never cross segments: title and summary are two segments; every feed title or category is one. */
  readonly segment: number;
  /** 1-based position inside its zone. */
  readonly zoneIndex: number;
}

/**
 * The words of one article, indexed once and shared by every topic matched against it: exact and folded lookup
 * tables, sorted vocabularies for prefix search, and (built on first use) the joined text for character-run terms.
 */
export class WordIndex {
  private readonly exact = new Map<string, number[]>();
  private readonly folded = new Map<string, number[]>();
  private sortedExact: string[] | undefined;
  private sortedFolded: string[] | undefined;
  private joined: { text: string; offsets: number[] } | undefined;

  constructor(readonly words: readonly IndexedWord[]) {
    words.forEach((word, position) => {
      addPosition(this.exact, word.word, position);
      if (word.folded !== word.word) addPosition(this.folded, word.folded, position);
    });
    // Folded lookups must also see words that had nothing to fold.
    for (const [word, positions] of this.exact) {
      const existing = this.folded.get(word);
      if (existing === undefined) this.folded.set(word, positions);
      else if (existing !== positions)
        this.folded.set(
          word,
          [...existing, ...positions].sort((a, b) => a - b),
        );
    }
  }

  /** Every span where this query word occurs. */
  find(word: TermWord, prefix: boolean, diacriticSensitive: boolean): WordSpan[] {
    if (word.substring) return this.findRun(word.text);
    const table = diacriticSensitive ? this.exact : this.folded;
    if (!prefix) return (table.get(word.text) ?? []).map((position) => ({ start: position, end: position }));
    const vocabulary = diacriticSensitive ? this.sortedVocabulary('exact') : this.sortedVocabulary('folded');
    const spans: WordSpan[] = [];
    for (let at = lowerBound(vocabulary, word.text); at < vocabulary.length; at++) {
      const candidate = vocabulary[at]!;
      if (!candidate.startsWith(word.text)) break;
      for (const position of table.get(candidate) ?? []) spans.push({ start: position, end: position });
    }
    return spans.sort((a, b) => a.start - b.start);
  }

  private sortedVocabulary(kind: 'exact' | 'folded'): string[] {
    if (kind === 'exact') {
      this.sortedExact ??= [...this.exact.keys()].sort();
      return this.sortedExact;
    }
    this.sortedFolded ??= [...this.folded.keys()].sort();
    return this.sortedFolded;
  }

  /** Character-run search for Chinese/Thai/… terms, independent of how the segmenter cut the text. */
  private findRun(run: string): WordSpan[] {
    this.joined ??= joinWords(this.words);
    const { text, offsets } = this.joined;
    const spans: WordSpan[] = [];
    for (let at = text.indexOf(run); at !== -1; at = text.indexOf(run, at + 1)) {
      spans.push({ start: wordAt(offsets, at), end: wordAt(offsets, at + run.length - 1) });
    }
    return spans;
  }
}

function addPosition(table: Map<string, number[]>, word: string, position: number): void {
  const positions = table.get(word);
  if (positions) positions.push(position);
  else table.set(word, [position]);
}

/** Words glued together where they touched in the source; a separator where they did not, so runs cannot bridge. */
function joinWords(words: readonly IndexedWord[]): { text: string; offsets: number[] } {
  let text = '';
  const offsets: number[] = [];
  words.forEach((word, position) => {
    const previous = words[position - 1];
    const touching = previous && previous.segment === word.segment && previous.end === word.start;
    if (position > 0 && !touching) text += '\u0000';
    offsets.push(text.length);
    text += word.word;
  });
  return { text, offsets };
}

/** The word whose joined-text range contains `offset` (offsets are ascending). */
function wordAt(offsets: readonly number[], offset: number): number {
  let low = 0;
  let high = offsets.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (offsets[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

function lowerBound(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
