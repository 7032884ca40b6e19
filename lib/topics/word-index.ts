import { asciiWordEnd, recordAnyWords, recordAsciiWords } from './index-words.ts';
import { hitStart, markSlots, NO_POSITIONS, type PatternHits, positionsIn } from './pattern-hits.ts';
import { registeredPatternCount } from './query-vocabulary.ts';
import { hasNonAsciiWordChar, normalizeText, type TextWord, tokenizeNormalized } from './tokenize-text.ts';
import { findRunIn, type JoinedWords, joinWords, type WordSpan } from './word-runs.ts';

export type { WordSpan } from './word-runs.ts';

/** Which part of the article a word came from; positions restart at 1 per zone in explanations. */
export type Zone = 'title' | 'summary' | 'source' | 'category';

interface Segment {
  readonly id: number;
  readonly zone: Zone;
  /** Normalized text; phrases never cross segments (title and summary are two). */
  readonly text: string;
  readonly firstPosition: number;
  /** Scanned by the ASCII scanner (else by scanWords): the same scanner finds its word bounds again. */
  readonly ascii: boolean;
}

/**
 * The words of one article, indexed once and shared by every topic matched against it. Scanning records only
 * where the patterns (words and prefixes) of compiled queries occur (index-words.ts); the words themselves are
 * tokenized again only if something needs their text: an explanation, a pattern registered after this index was
 * built (it scans the word list), or a character-run search in Chinese, Thai, … text.
 */
export class WordIndex {
  private readonly segmentList: Segment[] = [];
  /** Zones in the order they were added, with the position of their first word (at most two per index). */
  private readonly zoneStarts: [Zone, number][] = [];
  private count = 0;
  /** Patterns with slots below this were registered when the index was built: for them a miss is certain. */
  private readonly knownSlots = registeredPatternCount();
  /** One bit per known slot that occurs (as written or folded): the common miss costs one array read. */
  private readonly present = new Uint32Array((this.knownSlots >> 5) + 1);
  private readonly hits: PatternHits = { written: [], folded: [] };
  private anyUnspaced = false;
  private wordList: TextWord[] | undefined;
  /** Start and end offset of every word in its segment's text, found again on first need. */
  private wordBounds: number[] | undefined;
  private joined: JoinedWords | undefined;

  /** Appends one segment of text; `segment` ids are unique within the index. */
  addSegment(zone: Zone, segment: number, text: string): void {
    this.addNormalizedSegment(zone, segment, normalizeText(text));
  }

  /** The same for text already passed through normalizeText (article-text.ts normalizes once for all users). */
  addNormalizedSegment(zone: Zone, segment: number, normalized: string): void {
    const ascii = !hasNonAsciiWordChar(normalized);
    this.segmentList.push({ id: segment, zone, text: normalized, firstPosition: this.count, ascii });
    if (!this.zoneStarts.some(([known]) => known === zone)) this.zoneStarts.push([zone, this.count]);
    const { written, folded } = this.hits;
    const known = [written.length, folded.length] as const;
    const scan = ascii
      ? recordAsciiWords(normalized, this.count, this.hits)
      : recordAnyWords(normalized, this.count, this.hits);
    markSlots(this.present, written, known[0], this.knownSlots);
    markSlots(this.present, folded, known[1], this.knownSlots);
    this.count += scan.words;
    this.anyUnspaced ||= scan.unspaced;
    this.wordList = undefined;
    this.wordBounds = undefined;
  }

  get length(): number {
    return this.count;
  }

  /** Whether the pattern in `slot` was registered when this index was built: then mayContain is exact. */
  knows(slot: number): boolean {
    return slot >= 0 && slot < this.knownSlots;
  }

  /** False only when the pattern certainly does not occur: for patterns registered before this index was built. */
  mayContain(slot: number, diacriticSensitive: boolean): boolean {
    if (slot < 0 || slot >= this.knownSlots) return true;
    if ((this.present[slot >> 5]! & (1 << (slot & 31))) === 0) return false;
    return !diacriticSensitive || positionsIn(this.hits.written, slot).length > 0;
  }

  /**
   * False only when none of the patterns in `slotMask` (a bit per slot, highest `maxSlot`) occurs, as written or
   * folded: for patterns registered before this index was built.
   */
  mayContainAny(slotMask: Uint32Array, maxSlot: number): boolean {
    if (maxSlot >= this.knownSlots) return true;
    for (let at = 0; at < slotMask.length; at++) if ((slotMask[at]! & this.present[at]!) !== 0) return true;
    return false;
  }

  wordAt(position: number): string {
    const segment = this.segmentOf(position);
    // A matched word (what explanations ask for) has a hit that knows where it starts.
    const start = segment.ascii ? hitStart(this.hits.written, position) : -1;
    if (start >= 0) return segment.text.slice(start, asciiWordEnd(segment.text, start));
    this.wordBounds ??= this.findWordBounds();
    return this.segmentOf(position).text.slice(this.wordBounds[2 * position], this.wordBounds[2 * position + 1]);
  }

  private findWordBounds(): number[] {
    const bounds: number[] = [];
    for (const segment of this.segmentList) {
      if (segment.ascii) recordAsciiWords(segment.text, 0, undefined, bounds);
      else for (const word of tokenizeNormalized(segment.text)) bounds.push(word.start, word.end);
    }
    return bounds;
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

  /** Whether the word's segment has only ASCII letters and digits: then every word is its own folded form. */
  isAsciiAt(position: number): boolean {
    return this.segmentOf(position).ascii;
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
    const written = positionsIn(this.hits.written, slot);
    if (diacriticSensitive || this.hits.folded.length === 0) return written;
    const folded = positionsIn(this.hits.folded, slot);
    return folded.length === 0 ? written : [...written, ...folded].sort((a, b) => a - b);
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

const NO_SPANS: readonly WordSpan[] = Object.freeze([]);
