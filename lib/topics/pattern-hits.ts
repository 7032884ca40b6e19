/**
 * Where registered query patterns occur, as the scanners of index-words.ts find them: flat (slot, position, start)
 * triples in text order, `start` being the word offset in its segment text: recording a hit is three pushes.
 * Words themselves are not stored while scanning: an explanation finds a matched word's text from its hit, and
 * the index re-scans a segment only when it needs other words (patterns registered later, character runs).
 */
export interface PatternHits {
  /** The word at `position` is, or starts with, the pattern in `slot`, as written. */
  readonly written: number[];
  /** The same, reached only through the word's diacritic-folded form (việt → viet). */
  readonly folded: number[];
}

/** Values per hit: slot, position, start offset. */
const HIT = 3;

/** Shared empty result: most terms of most topics are absent from most articles. */
export const NO_POSITIONS: readonly number[] = Object.freeze([]);

/** Positions of `slot` in flat hit triples, ascending because the hits are in text order. */
export function positionsIn(hits: readonly number[], slot: number): readonly number[] {
  let found: number[] | undefined;
  for (let at = 0; at < hits.length; at += HIT) {
    if (hits[at] !== slot) continue;
    found ??= [];
    found.push(hits[at + 1]!);
  }
  return found ?? NO_POSITIONS;
}

/** The start offset of the word at `position` if some pattern hit it, else -1. */
export function hitStart(hits: readonly number[], position: number): number {
  for (let at = 0; at < hits.length; at += HIT) if (hits[at + 1] === position) return hits[at + 2]!;
  return -1;
}

/** Sets the bit of every slot below `knownSlots` hit from index `from` on: the index's bitmap of what occurs. */
export function markSlots(bits: Uint32Array, hits: readonly number[], from: number, knownSlots: number): void {
  for (let at = from; at < hits.length; at += HIT) {
    const slot = hits[at]!;
    if (slot < knownSlots) bits[slot >> 5]! |= 1 << (slot & 31);
  }
}
