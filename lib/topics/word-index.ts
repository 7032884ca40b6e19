import { recordAnyWords, recordAsciiWords, type WordRecorder } from './index-words.ts';
import { registeredPatternCount } from './query-vocabulary.ts';
import { hasNonAsciiWordChar, normalizeText } from './tokenize-text.ts';
import { findRunIn, type JoinedWords, joinWords, type WordSpan } from './word-runs.ts';

export type { WordSpan } from './word-runs.ts';

/** Which part of the article a word came from; positions restart at 1 per zone in explanations. */
export type Zone = 'title' | 'summary' | 'source' | 'category';

/** One position, or several once a word repeats: most words occur once, and an array per word is garbage. */
type Positions = number | number[];

/**
 * The words of one article, indexed once and shared by every topic matched against it. Words are kept as offsets
 * into their segment's text (sliced only when an explanation shows one); positions are recorded only for the
 * patterns (words and prefixes) some compiled query uses, found by one trie walk per word (index-words.ts).
 * Anything else (patterns registered after this index was built) scans the word list.
 */
export class WordIndex implements WordRecorder {
  /** Normalized text of each segment. Phrases never cross segments: title and summary are two. */
  private readonly segmentTexts: string[] = [];
  private readonly zoneOfSegment: Zone[] = [];
  /** Per word: its segment and its offsets in that segment's text. */
  private readonly segments: number[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** Zones in the order they were added, with the position of their first word (at most two per index). */
  private readonly zoneStarts: [Zone, number][] = [];
  /** Pattern slot → positions of the words that are (or start with) it as written. */
  private readonly written = new Map<number, Positions>();
  /** Pattern slot → positions reached only by folding diacritics (việt → viet). */
  private readonly foldedOnly = new Map<number, Positions>();
  /** Patterns with slots below this were registered when the index was built: for them a miss is certain. */
  private readonly knownSlots = registeredPatternCount();
  private folds: Map<number, string> | undefined;
  private unspaced: Set<number> | undefined;
  private joined: JoinedWords | undefined;

  /** Appends one segment of text; `segment` ids are unique within the index. */
  addSegment(zone: Zone, segment: number, text: string): void {
    this.addNormalizedSegment(zone, segment, normalizeText(text));
  }

  /** The same for text already passed through normalizeText (article-text.ts normalizes once for all users). */
  addNormalizedSegment(zone: Zone, segment: number, normalized: string): void {
    this.zoneOfSegment[segment] = zone;
    this.segmentTexts[segment] = normalized;
    if (!this.zoneStarts.some(([known]) => known === zone)) this.zoneStarts.push([zone, this.length]);
    if (hasNonAsciiWordChar(normalized)) recordAnyWords(normalized, segment, this);
    else recordAsciiWords(normalized, segment, this);
  }

  get length(): number {
    return this.starts.length;
  }

  addWord(segment: number, start: number, end: number): void {
    this.segments.push(segment);
    this.starts.push(start);
    this.ends.push(end);
  }

  addHit(slot: number, position: number): void {
    addPosition(this.written, slot, position);
  }

  addFoldedHit(slot: number, position: number): void {
    addPosition(this.foldedOnly, slot, position);
  }

  setFolded(position: number, folded: string): void {
    this.folds ??= new Map();
    this.folds.set(position, folded);
  }

  markUnspaced(position: number): void {
    this.unspaced ??= new Set();
    this.unspaced.add(position);
  }

  /** False only when the pattern certainly does not occur: for patterns registered before this index was built. */
  mayContain(slot: number, diacriticSensitive: boolean): boolean {
    if (slot < 0 || slot >= this.knownSlots) return true;
    return this.written.has(slot) || (!diacriticSensitive && this.foldedOnly.has(slot));
  }

  wordAt(position: number): string {
    return this.segmentTexts[this.segments[position]!]!.slice(this.starts[position], this.ends[position]);
  }

  private foldedAt(position: number): string {
    return this.folds?.get(position) ?? this.wordAt(position);
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

  /** Every span where a character run (Chinese, Thai, … query words) occurs, in text order. */
  findRun(run: string): readonly WordSpan[] {
    if (!this.unspaced) return NO_SPANS;
    this.joined ??= joinWords(this);
    return findRunIn(this.joined, run);
  }

  /** Whether the word at `position` ends where the next one starts (no space or punctuation between them). */
  touchesNext(position: number): boolean {
    return this.segments[position] === this.segments[position + 1] && this.ends[position] === this.starts[position + 1];
  }

  /**
   * Positions of a whole word (or of every word starting with a prefix), ascending; no objects for the common
   * miss. `slot` is the pattern's vocabulary slot, -1 when it has none.
   */
  positionsOf(text: string, slot: number, prefix: boolean, diacriticSensitive: boolean): readonly number[] {
    if (slot < 0 || slot >= this.knownSlots) return this.scan(text, prefix, diacriticSensitive);
    const written = this.written.get(slot);
    const folded = diacriticSensitive ? undefined : this.foldedOnly.get(slot);
    if (folded === undefined) return listOf(written);
    return [...listOf(written), ...listOf(folded)].sort((a, b) => a - b);
  }

  /** The slow path: every position whose word (or folded word) is `text`, or starts with it. */
  private scan(text: string, prefix: boolean, diacriticSensitive: boolean): readonly number[] {
    const positions: number[] = [];
    for (let position = 0; position < this.length; position++) {
      const word = this.wordAt(position);
      const folded = this.foldedAt(position);
      const hit = prefix
        ? word.startsWith(text) || (!diacriticSensitive && folded.startsWith(text))
        : word === text || (!diacriticSensitive && folded === text);
      if (hit) positions.push(position);
    }
    return positions.length === 0 ? NO_POSITIONS : positions;
  }
}

/** Shared empty results: most terms of most topics are absent from most articles. */
const NO_SPANS: readonly WordSpan[] = Object.freeze([]);
const NO_POSITIONS: readonly number[] = Object.freeze([]);

function addPosition(table: Map<number, Positions>, slot: number, position: number): void {
  const positions = table.get(slot);
  if (positions === undefined) table.set(slot, position);
  else if (typeof positions === 'number') table.set(slot, [positions, position]);
  else positions.push(position);
}

function listOf(positions: Positions | undefined): readonly number[] {
  return positions === undefined ? NO_POSITIONS : typeof positions === 'number' ? [positions] : positions;
}
