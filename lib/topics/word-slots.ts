/**
 * Every whole word that some compiled query looks up gets a small integer slot. An article then answers "which
 * query words do I contain?" with one pass over its own distinct words into two bitsets, and a topic's hundreds
 * of absent terms cost one array read each instead of a hash lookup. Process-wide so ten topics share one pass.
 *
 * Bounded: ad-hoc `?q=` queries also register their words, so after MAX_SLOTS distinct words new words get no
 * slot and simply take the ordinary lookup path (configured topics compile at startup and are registered first).
 */
const MAX_SLOTS = 50_000;
const slots = new Map<string, number>();

/** The word's slot, or -1 when the registry is full. */
export function slotOfWord(word: string): number {
  const known = slots.get(word);
  if (known !== undefined) return known;
  if (slots.size >= MAX_SLOTS) return -1;
  slots.set(word, slots.size);
  return slots.size - 1;
}

/** Which registered words occur in an article: `exact` as written, `folded` once diacritics are removed. */
export interface WordPresence {
  readonly exact: Uint8Array;
  readonly folded: Uint8Array;
}

/** One lookup per distinct article word; words no query uses are skipped. */
export function presenceOf(exactWords: Iterable<string>, foldedOnlyWords: Iterable<string>): WordPresence {
  const exact = new Uint8Array(slots.size);
  const folded = new Uint8Array(slots.size);
  for (const word of exactWords) {
    const slot = slots.get(word);
    if (slot !== undefined) exact[slot] = 1;
  }
  for (const word of foldedOnlyWords) {
    const slot = slots.get(word);
    if (slot !== undefined) folded[slot] = 1;
  }
  return { exact, folded };
}

/**
 * False only when the word certainly does not occur: a slot registered after the article was scanned (a topic
 * compiled mid-article) reads as "unknown", never as absent.
 */
export function mayOccur(presence: WordPresence, slot: number, diacriticSensitive: boolean): boolean {
  if (slot < 0 || slot >= presence.exact.length) return true;
  return presence.exact[slot] === 1 || (!diacriticSensitive && presence.folded[slot] === 1);
}
