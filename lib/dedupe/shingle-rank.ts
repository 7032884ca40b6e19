import { fnv1a32 } from '../fnv1a.ts';

/**
 * Word shingles ordered by one fixed pseudo-random rank (a MinHash permutation): the lowest-ranked shingles of two
 * texts coincide with probability growing with their overlap, whatever words they have. Every process ranks alike
 * (no per-run salt), so the key one Lambda writes is the key another probes.
 */
export function rankedShingles(words: readonly string[], size: number, seed = 0): string[] {
  const shingles = new Set<string>();
  for (let start = 0; start + size <= words.length; start++) shingles.add(words.slice(start, start + size).join(' '));
  const salt = Math.imul(seed + 1, 0x9e3779b1);
  return [...shingles]
    .map((shingle) => ({ shingle, rank: mix32(fnv1a32(shingle) ^ salt) }))
    .sort((a, b) => a.rank - b.rank || (a.shingle < b.shingle ? -1 : 1))
    .map(({ shingle }) => shingle);
}

/** A finalizer (murmur3's) so nearby FNV values spread over the whole range before they are compared. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
