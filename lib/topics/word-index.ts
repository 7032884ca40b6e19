import { type HitRecorder, recordAnyWords, recordAsciiWords } from './index-words.ts';
import { registeredPatternCount } from './query-vocabulary.ts';
import { hasNonAsciiWordChar, normalizeText, type TextWord, tokenizeNormalized } from './tokenize-text.ts';
import { findRunIn, type JoinedWords, joinWords, type WordSpan } from './word-runs.ts';

export type { WordSpan } from './word-runs.ts';

/** Which part of the article a word came from; positions restart at 1 per zone in explanations. */
export type Zone = 'title' | 'summary' | 'source' | 'category';

/** One position, or several once a word repeats: most words occur once, and an array per word is garbage. */
type Positions = number | number[];

interface Segment {
  readonly id: number;
  readonly zone: Zone;
  /** Normalized text; phrases never cross segments (title and summary are two). */
  readonly text: string;
  readonly firstPosition: number;
}

/**
 * The words of one article, indexed once and shared by every topic matched against it. Scanning records only
 * where the patterns (words and prefixes) of compiled queries occur (index-words.ts); the words themselves are
 * tokenized again only if something needs their text: an explanation, a pattern registered after this index was
 * built (it scans the word list), or a character-run search in Chinese, Thai, … text.
 */
export class WordIndex implements HitRecorder {
  private readonly segmentList: Segment[] = [];
  /** Zones in the order they were added, with the position of their first word (at most two per index). */
  private readonly zoneStarts: [Zone, number][] = [];
  private count = 0;
  /** Patterns with slots below this were registered when the index was built: for them a miss is certain. */
  private readonly knownSlots = registeredPatternCount();
  /** One bit per known slot that occurs (as written or folded): the common miss costs one array read. */
  private readonly present = new Uint32Array((this.knownSlots >> 5) + 1);
  /** Pattern slot → positions of the words that are (or start with) it as written. */
  private readonly written = new Map<number, Positions>();
  /** Pattern slot → positions reached only by folding diacritics (việt → viet). */
  private foldedOnly: Map<number, Positions> | undefined;
  private anyUnspaced = false;
  private wordList: TextWord[] | undefined;
  private joined: JoinedWords | undefined;

  /** Appends one segment of text; `segment` ids are unique within the index. */
  addSegment(zone: Zone, segment: number, text: string): void {
    this.addNormalizedSegment(zone, segment, normalizeText(text));
  }

  /** The same for text already passed through normalizeText (article-text.ts normalizes once for all users). */
  addNormalizedSegment(zone: Zone, segment: number, normalized: string): void {
    this.segmentList.push({ id: segment, zone, text: normalized, firstPosition: this.count });
    if (!this.zoneStarts.some(([known]) => known === zone)) this.zoneStarts.push([zone, this.count]);
    const scan = hasNonAsciiWordChar(normalized)
      ? recordAnyWords(normalized, this.count, this)
      : recordAsciiWords(normalized, this.count, this);
    this.count += scan.words;
    this.anyUnspaced ||= scan.unspaced;
    this.wordList = undefined;
  }

  get length(): number {
    return this.count;
  }

  addHit(slot: number, position: number): void {
    if (slot < this.knownSlots) this.present[slot >> 5]! |= 1 << (slot & 31);
    addPosition(this.written, slot, position);
  }

  addFoldedHit(slot: number, position: number): void {
    if (slot < this.knownSlots) this.present[slot >> 5]! |= 1 << (slot & 31);
    this.foldedOnly ??= new Map();
    addPosition(this.foldedOnly, slot, position);
  }

  /** False only when the pattern certainly does not occur: for patterns registered before this index was built. */
  mayContain(slot: number, diacriticSensitive: boolean): boolean {
    if (slot < 0 || slot >= this.knownSlots) return true;
    if ((this.present[slot >> 5]! & (1 << (slot & 31))) === 0) return false;
    return !diacriticSensitive || this.written.has(slot);
  }

  wordAt(position: number): string {
    return this.words()[position]!.word;
  }

  segmentAt(position: number): number {
    return this.segmentOf(position).id;
  }

  zoneAt(position: number): Zone {
    return this.segmentOf(position).zone;
  }

  /** 1-based position inside the word's zone, as explanations show it. */
  zoneIndexAt(position: number): number {
    const zone = this.zoneAt(position);
    return position - (this.zoneStarts.find(([known]) => known === zone)?.[1] ?? 0) + 1;
  }

  isUnspacedAt(position: number): boolean {
    return this.anyUnspaced && this.words()[position]!.unspaced;
  }

  /** Every span where a character run (Chinese, Thai, … query words) occurs, in text order. */
  findRun(run: string): readonly WordSpan[] {
    if (!this.anyUnspaced) return NO_SPANS;
    this.joined ??= joinWords(this);
    return findRunIn(this.joined, run);
  }

  /** Whether the word at `position` ends where the next one starts (no space or punctuation between them). */
  touchesNext(position: number): boolean {
    const words = this.words();
    const next = position + 1;
    return this.segmentAt(position) === this.segmentAt(next) && words[position]!.end === words[next]!.start;
  }

  /**
   * Positions of a whole word (or of every word starting with a prefix), ascending; no objects for the common
   * miss. `slot` is the pattern's vocabulary slot, -1 when it has none.
   */
  positionsOf(text: string, slot: number, prefix: boolean, diacriticSensitive: boolean): readonly number[] {
    if (slot < 0 || slot >= this.knownSlots) return this.scan(text, prefix, diacriticSensitive);
    if ((this.present[slot >> 5]! & (1 << (slot & 31))) === 0) return NO_POSITIONS;
    const written = this.written.get(slot);
    const folded = diacriticSensitive ? undefined : this.foldedOnly?.get(slot);
    if (folded === undefined) return listOf(written);
    return [...listOf(written), ...listOf(folded)].sort((a, b) => a - b);
  }

  /** The slow path: every position whose word (or folded word) is `text`, or starts with it. */
  private scan(text: string, prefix: boolean, diacriticSensitive: boolean): readonly number[] {
    const positions: number[] = [];
    this.words().forEach(({ word, folded }, position) => {
      const hit = prefix
        ? word.startsWith(text) || (!diacriticSensitive && folded.startsWith(text))
        : word === text || (!diacriticSensitive && folded === text);
      if (hit) positions.push(position);
    });
    return positions.length === 0 ? NO_POSITIONS : positions;
  }

  /** The word list, tokenized again on first need: scanning did not keep it (see index-words.ts). */
  private words(): TextWord[] {
    this.wordList ??= this.segmentList.flatMap((segment) => tokenizeNormalized(segment.text));
    return this.wordList;
  }

  private segmentOf(position: number): Segment {
    const segments = this.segmentList;
    let at = segments.length - 1;
    while (at > 0 && segments[at]!.firstPosition > position) at--;
    return segments[at]!;
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
