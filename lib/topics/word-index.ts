import type { TermWord } from './query-ast.ts';
import { normalizeText, scanWords, scanWordsFast } from './tokenize-text.ts';
import { knownSlotOf, registeredWordCount } from './word-slots.ts';

/** Which part of the article a word came from; positions restart at 1 per zone in explanations. */
export type Zone = 'title' | 'summary' | 'source' | 'category';

/** A run of matched words: positions into the index, end inclusive. */
export interface WordSpan {
  readonly start: number;
  readonly end: number;
}

/** One position, or several once a word repeats: most words occur once, and an array per word is garbage. */
type Positions = number | number[];

/**
 * The words of one article, indexed once and shared by every topic matched against it. The word list is kept as
 * parallel arrays (no object per word); positions are indexed only for words some compiled query uses (see
 * word-slots.ts). Anything else (prefixes, words registered after this index was built) scans the word list.
 */
export class WordIndex {
  private readonly texts: string[] = [];
  /** The folded form of each word (the same string when there was nothing to fold). */
  private readonly folds: string[] = [];
  /** Phrases never cross segments: title and summary are two segments; every feed title or category is one. */
  private readonly segments: number[] = [];
  private readonly starts: number[] = [];
  private readonly zoneOfSegment: Zone[] = [];
  /** Zones in the order they were added, with the position of their first word (at most two per index). */
  private readonly zoneStarts: [Zone, number][] = [];
  /** Registered query words as written here. */
  private readonly exact = new Map<string, Positions>();
  /** Registered query words reached only by folding diacritics (việt → viet). */
  private readonly foldedOnly = new Map<string, Positions>();
  /** Words with slots below this were registered when the index was built: for them a miss is certain. */
  private readonly knownSlots = registeredWordCount();
  private unspaced: Set<number> | undefined;
  private joined: { text: string; offsets: number[] } | undefined;
  private leadingChars: Uint8Array | undefined;

  /** Appends one segment of text; `segment` ids are unique within the index. */
  addSegment(zone: Zone, segment: number, text: string): void {
    this.addNormalizedSegment(zone, segment, normalizeText(text));
  }

  /** The same for text already passed through normalizeText (article-text.ts normalizes once for all users). */
  addNormalizedSegment(zone: Zone, segment: number, normalized: string): void {
    this.zoneOfSegment[segment] = zone;
    if (!this.zoneStarts.some(([known]) => known === zone)) this.zoneStarts.push([zone, this.texts.length]);
    const fast = scanWordsFast(normalized, (word) => {
      const position = this.texts.length;
      this.texts.push(word);
      this.folds.push(word);
      this.segments.push(segment);
      this.starts.push(0); // offsets only matter for unspaced scripts, which ASCII text cannot contain
      if (knownSlotOf(word) >= 0) addPosition(this.exact, word, position);
    });
    if (fast) return;
    scanWords(normalized, (word, folded, start, unspaced) => {
      const position = this.texts.length;
      this.texts.push(word);
      this.folds.push(folded);
      this.segments.push(segment);
      this.starts.push(start);
      if (knownSlotOf(word) >= 0) addPosition(this.exact, word, position);
      if (folded !== word && knownSlotOf(folded) >= 0) addPosition(this.foldedOnly, folded, position);
      if (unspaced) {
        this.unspaced ??= new Set();
        this.unspaced.add(position);
      }
    });
  }

  /** False only when the word certainly does not occur: for words registered before this index was built. */
  mayContain(word: string, slot: number, diacriticSensitive: boolean): boolean {
    if (slot < 0 || slot >= this.knownSlots) return true;
    return this.exact.has(word) || (!diacriticSensitive && this.foldedOnly.has(word));
  }

  get length(): number {
    return this.texts.length;
  }

  wordAt(position: number): string {
    return this.texts[position]!;
  }

  segmentAt(position: number): number {
    return this.segments[position]!;
  }

  zoneAt(position: number): Zone {
    return this.zoneOfSegment[this.segments[position]!]!;
  }

  /** 1-based position inside the word's zone, as explanations show it. */
  zoneIndexAt(position: number): number {
    const zone = this.zoneAt(position);
    return position - (this.zoneStarts.find(([known]) => known === zone)?.[1] ?? 0) + 1;
  }

  isUnspacedAt(position: number): boolean {
    return this.unspaced?.has(position) ?? false;
  }

  /** Every span where this query word occurs, in text order. */
  find(word: TermWord, prefix: boolean, diacriticSensitive: boolean): readonly WordSpan[] {
    if (word.substring) return this.unspaced ? this.findRun(word.text) : NO_SPANS;
    const positions = this.positionsOf(word.text, prefix, diacriticSensitive);
    return positions.length === 0 ? NO_SPANS : positions.map((position) => ({ start: position, end: position }));
  }

  /** Positions of a whole word or of every word with this prefix, ascending; no objects for the common miss. */
  positionsOf(text: string, prefix: boolean, diacriticSensitive: boolean): readonly number[] {
    if (prefix) return this.mayStartWith(text) ? this.scan(text, true, diacriticSensitive) : NO_POSITIONS;
    const slot = knownSlotOf(text);
    if (slot < 0 || slot >= this.knownSlots) return this.scan(text, false, diacriticSensitive);
    const exact = this.exact.get(text);
    const folded = diacriticSensitive ? undefined : this.foldedOnly.get(text);
    if (folded === undefined) return listOf(exact);
    return [...listOf(exact), ...listOf(folded)].sort((a, b) => a - b);
  }

  /** The slow path: every position whose word (or folded word) is `text`, or starts with it. */
  private scan(text: string, prefix: boolean, diacriticSensitive: boolean): readonly number[] {
    const positions: number[] = [];
    for (let position = 0; position < this.texts.length; position++) {
      const word = this.texts[position]!;
      const folded = this.folds[position]!;
      const hit = prefix
        ? word.startsWith(text) || (!diacriticSensitive && folded.startsWith(text))
        : word === text || (!diacriticSensitive && folded === text);
      if (hit) positions.push(position);
    }
    return positions.length === 0 ? NO_POSITIONS : positions;
  }

  /**
   * A bitmap of the first three characters of every word (as written and folded): most prefix terms start with
   * letters no word here starts with, and the bitmap answers that without scanning the words.
   */
  mayStartWith(prefix: string): boolean {
    if (prefix.length < 3) return true; // two-letter prefixes are rare; they simply scan
    if (!this.leadingChars) {
      const seen = new Uint8Array(LEADING_BUCKETS);
      for (let position = 0; position < this.texts.length; position++) {
        const word = this.texts[position]!;
        const folded = this.folds[position]!;
        seen[leadingHash(word)] = 1;
        if (folded !== word) seen[leadingHash(folded)] = 1;
      }
      this.leadingChars = seen;
    }
    return this.leadingChars[leadingHash(prefix)] === 1;
  }

  /** Character-run search for Chinese/Thai/… terms, independent of how the segmenter cut the text. */
  private findRun(run: string): readonly WordSpan[] {
    this.joined ??= this.joinWords();
    const { text, offsets } = this.joined;
    const spans: WordSpan[] = [];
    for (let at = text.indexOf(run); at !== -1; at = text.indexOf(run, at + 1)) {
      spans.push({ start: wordAt(offsets, at), end: wordAt(offsets, at + run.length - 1) });
    }
    return spans;
  }

  /** Words glued together where they touched in the source; a separator where they did not, so runs cannot bridge. */
  private joinWords(): { text: string; offsets: number[] } {
    let text = '';
    const offsets: number[] = [];
    for (let position = 0; position < this.texts.length; position++) {
      const previous = position - 1;
      const touching =
        previous >= 0 &&
        this.segments[previous] === this.segments[position] &&
        this.starts[previous]! + this.texts[previous]!.length === this.starts[position];
      if (position > 0 && !touching) text += '\u0000';
      offsets.push(text.length);
      text += this.texts[position];
    }
    return { text, offsets };
  }
}

/** Shared empty result: most terms of most topics are absent from most articles. */
const NO_SPANS: readonly WordSpan[] = Object.freeze([]);

function addPosition(table: Map<string, Positions>, word: string, position: number): void {
  const positions = table.get(word);
  if (positions === undefined) table.set(word, position);
  else if (typeof positions === 'number') table.set(word, [positions, position]);
  else positions.push(position);
}

const NO_POSITIONS: readonly number[] = Object.freeze([]);
const LEADING_BUCKETS = 1 << 12;

/** Hash of a word's first three UTF-16 units (shorter words hash what they have). */
function leadingHash(word: string): number {
  const hash = ((word.charCodeAt(0) || 0) * 131 + (word.charCodeAt(1) || 0)) * 131 + (word.charCodeAt(2) || 0);
  return hash & (LEADING_BUCKETS - 1);
}

function listOf(positions: Positions | undefined): readonly number[] {
  return positions === undefined ? NO_POSITIONS : typeof positions === 'number' ? [positions] : positions;
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
