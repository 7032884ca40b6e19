/** A run of matched words: positions into the index, end inclusive. */
export interface WordSpan {
  readonly start: number;
  readonly end: number;
}

/** What run search needs from a word index. */
export interface RunSource {
  readonly length: number;
  wordAt(position: number): string;
  touchesNext(position: number): boolean;
}

/** The index's words glued together where they touched in the source, with the offset where each word starts. */
export interface JoinedWords {
  readonly text: string;
  readonly offsets: readonly number[];
}

/**
 * Character-run search for Chinese/Thai/… terms, independent of how the segmenter cut the text. Words that did
 * not touch in the source get a separator between them, so a run cannot bridge a space or a segment boundary.
 */
export function joinWords(words: RunSource): JoinedWords {
  let text = '';
  const offsets: number[] = [];
  for (let position = 0; position < words.length; position++) {
    if (position > 0 && !words.touchesNext(position - 1)) text += '\u0000';
    offsets.push(text.length);
    text += words.wordAt(position);
  }
  return { text, offsets };
}

/** Every span of words covering an occurrence of `run`, in text order. */
export function findRunIn(joined: JoinedWords, run: string): WordSpan[] {
  const { text, offsets } = joined;
  const spans: WordSpan[] = [];
  for (let at = text.indexOf(run); at !== -1; at = text.indexOf(run, at + 1)) {
    spans.push({ start: wordAt(offsets, at), end: wordAt(offsets, at + run.length - 1) });
  }
  return spans;
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
