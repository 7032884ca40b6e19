/**
 * The whole words that compiled queries look up, each with a small integer slot. Articles index only these words
 * (plus the plain word list for prefixes and explanations): a typical article has a hundred distinct words and the
 * topics ask about a few of them, so building a full per-article dictionary was most of the cost of matching.
 * Process-wide so every topic shares one index per article.
 *
 * Bounded: ad-hoc `?q=` queries also register their words, so after MAX_SLOTS distinct words new words get no
 * slot, and lookups for them fall back to scanning the article's word list (still correct, only slower).
 */
const MAX_SLOTS = 50_000;
const slots = new Map<string, number>();

/** Registers a query word; returns its slot, or -1 when the registry is full. */
export function slotOfWord(word: string): number {
  const known = slots.get(word);
  if (known !== undefined) return known;
  if (slots.size >= MAX_SLOTS) return -1;
  slots.set(word, slots.size);
  return slots.size - 1;
}

/** The slot of an already registered word, else -1; never registers. */
export function knownSlotOf(word: string): number {
  return slots.get(word) ?? -1;
}

/** How many words are registered now: an index built at size n knows exactly the words with slots below n. */
export function registeredWordCount(): number {
  return slots.size;
}
