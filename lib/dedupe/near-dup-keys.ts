import { createHash } from 'node:crypto';
import { type DedupeItem, type PreparedItem, prepareItem } from './dedupe-item.ts';
import { contentWordsOf } from './text.ts';

/**
 * Lookup keys for near-duplicate candidates (`SIM#<band>#<bits>` in the table). Each key is one small item per
 * article, so each costs one write when an article is created and one read when an item arrives: the set is kept
 * to what the fold rules can actually confirm, measured on the development pairs (docs/dedupe.md):
 *
 * - `t`: the normalized headline — syndicated copies under one headline, items whose summary is missing;
 * - `l`: the lede — the first content words of the summary, shared by wire copies under rewritten headlines;
 * - `m0…`: MinHash bands of the lede's 3-word shingles (first 30 words of the summary): wire copies and re-posts
 *   share their lede even when the headline was rewritten, a dateline was added or a toll changed;
 * - `u`: the outlet's own article number or slug, for one article mirrored or re-posted at another URL.
 */
export interface NearDupKey {
  readonly band: string;
  readonly bits: string;
}

export interface NearDupKeyOptions {
  /** MinHash bands (each one key); rows per band trade candidate recall for fewer chance collisions. */
  readonly minHashBands: number;
  readonly minHashRows: number;
}

export const defaultNearDupKeyOptions: NearDupKeyOptions = { minHashBands: 2, minHashRows: 2 };

const SHINGLE_WORDS = 30;
const LEDE_WORDS = 8;

export function nearDupKeysOf(
  item: DedupeItem | PreparedItem,
  options: NearDupKeyOptions = defaultNearDupKeyOptions,
): NearDupKey[] {
  const prepared = 'titleWords' in item ? item : prepareItem(item);
  const keys: NearDupKey[] = [];
  if (prepared.titleKey) keys.push({ band: 't', bits: hash(prepared.titleKey) });
  const lede = contentWordsOf(prepared.summaryWords);
  if (lede.length >= LEDE_WORDS) keys.push({ band: 'l', bits: hash(lede.slice(0, LEDE_WORDS).join(' ')) });
  const shingles = shingleSet(prepared.summaryWords.slice(0, SHINGLE_WORDS));
  if (shingles.length >= 4) {
    const signature = minHash(shingles, options.minHashBands * options.minHashRows);
    for (let band = 0; band < options.minHashBands; band++) {
      const rows = signature.slice(band * options.minHashRows, (band + 1) * options.minHashRows);
      keys.push({ band: `m${band}`, bits: hash(rows.join(',')) });
    }
  }
  const link = prepared.urlIdentity;
  const linkId = link?.numericId ?? link?.slug;
  if (link && linkId) keys.push({ band: 'u', bits: hash(`${link.site}\u0000${linkId}`) });
  return keys;
}

export const nearDupKeyString = (key: NearDupKey) => `${key.band}#${key.bits}`;

function shingleSet(words: readonly string[]): string[] {
  const shingles = new Set<string>();
  for (let start = 0; start + 3 <= words.length; start++) shingles.add(words.slice(start, start + 3).join(' '));
  return [...shingles];
}

/** k independent minimums via one 32-bit FNV-1a hash mixed with k seeds: cheap and deterministic across runs. */
function minHash(shingles: readonly string[], k: number): number[] {
  const minimums = new Array<number>(k).fill(0xffffffff);
  for (const shingle of shingles) {
    const base = fnv1a(shingle);
    for (let seed = 0; seed < k; seed++) {
      const value = mix(base ^ Math.imul(seed + 1, 0x9e3779b1));
      if (value < (minimums[seed] ?? 0xffffffff)) minimums[seed] = value;
    }
  }
  return minimums;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    h ^= text.charCodeAt(index);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mix(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const hash = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 12);
