/**
 * Every whole word and every prefix (`cyber*`) that compiled queries look up, each with a small integer slot, stored
 * as one character trie. Indexing an article walks each of its words down the trie once: the walk finds the
 * word's own slot and the slot of every registered prefix it starts with, without slicing the word out of the
 * text or hashing it. A typical article has a hundred words and the topics ask about a few of them, so recording
 * only those hits (word-index.ts) is what keeps matching cheaper than parsing the feed.
 * Process-wide, so every topic shares one index per article.
 *
 * Bounded: ad-hoc `?q=` queries also register their words, so once MAX_SLOTS patterns or MAX_NODES trie nodes are
 * used, new patterns get no slot and lookups for them scan the article's word list (still correct, only slower).
 */
const MAX_SLOTS = 50_000;
const MAX_NODES = 1 << 16;

/** Trie edges for the characters most words are made of: a-z, 0-9 and the inner apostrophe. */
export const ASCII_SYMBOLS = 37;
/** Character code → its column in the edge table, -1 for characters that need the general edge map. */
export const SYMBOL_OF = new Int8Array(128).fill(-1);
for (let code = 97; code <= 122; code++) SYMBOL_OF[code] = code - 97;
for (let code = 48; code <= 57; code++) SYMBOL_OF[code] = code - 48 + 26;
export const APOSTROPHE_SYMBOL = 36;
SYMBOL_OF[39] = APOSTROPHE_SYMBOL;

/** The trie's arrays. Node 0 is the root; an edge value of 0 means "no edge" (no edge leads back to the root). */
export interface VocabularyTrie {
  /** `asciiEdges[node * ASCII_SYMBOLS + symbol]`: the child node, or 0. */
  readonly asciiEdges: Int32Array;
  /** The slot of the whole word ending at a node, or -1. */
  readonly wordSlot: Int32Array;
  /** The slot of the prefix ending at a node, or -1. */
  readonly prefixSlot: Int32Array;
}

let capacity = 256;
let nodeCount = 1;
let trie: VocabularyTrie = allocate(capacity);
/** Edges on any other UTF-16 unit (Vietnamese letters, Cyrillic, …), keyed `node * 65536 + unit`. */
const otherEdges = new Map<number, number>();
const slots = new Map<string, number>();

/** The current arrays; they are replaced when the trie grows, so read them at the start of each article. */
export function vocabularyTrie(): VocabularyTrie {
  return trie;
}

/** The child of `node` along one UTF-16 unit, or 0 when no registered pattern continues that way. */
export function nextNode(node: number, unit: number): number {
  const symbol = unit < 128 ? SYMBOL_OF[unit]! : -1;
  if (symbol >= 0) return trie.asciiEdges[node * ASCII_SYMBOLS + symbol]!;
  return otherEdges.get(node * 65536 + unit) ?? 0;
}

/** Registers a whole query word; returns its slot, or -1 when the vocabulary is full. */
export function slotOfWord(word: string): number {
  return register(word, false);
}

/** Registers a prefix (`cyber` of `cyber*`); returns its slot, or -1 when the vocabulary is full. */
export function slotOfPrefix(prefix: string): number {
  return register(prefix, true);
}

/** How many patterns are registered now: an index built at size n knows exactly the patterns with slots below n. */
export function registeredPatternCount(): number {
  return slots.size;
}

function register(text: string, prefix: boolean): number {
  const key = `${prefix ? '*' : '='}${text}`;
  const known = slots.get(key);
  if (known !== undefined) return known;
  if (slots.size >= MAX_SLOTS || nodeCount + text.length > MAX_NODES || text.length === 0) return -1;
  let node = 0;
  for (let at = 0; at < text.length; at++) node = childOrNew(node, text.charCodeAt(at));
  const slot = slots.size;
  slots.set(key, slot);
  (prefix ? trie.prefixSlot : trie.wordSlot)[node] = slot;
  return slot;
}

function childOrNew(node: number, unit: number): number {
  const existing = nextNode(node, unit);
  if (existing !== 0) return existing;
  if (nodeCount === capacity) grow();
  const child = nodeCount++;
  const symbol = unit < 128 ? SYMBOL_OF[unit]! : -1;
  if (symbol >= 0) trie.asciiEdges[node * ASCII_SYMBOLS + symbol] = child;
  else otherEdges.set(node * 65536 + unit, child);
  return child;
}

function grow(): void {
  const bigger = allocate(capacity * 2);
  bigger.asciiEdges.set(trie.asciiEdges);
  bigger.wordSlot.set(trie.wordSlot);
  bigger.prefixSlot.set(trie.prefixSlot);
  capacity *= 2;
  trie = bigger;
}

function allocate(nodes: number): VocabularyTrie {
  return {
    asciiEdges: new Int32Array(nodes * ASCII_SYMBOLS),
    wordSlot: new Int32Array(nodes).fill(-1),
    prefixSlot: new Int32Array(nodes).fill(-1),
  };
}
