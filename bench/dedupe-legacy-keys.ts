/**
 * The near-duplicate keys before the asymmetric lookup, kept only so bench:dedupe measures "before" in the same run:
 * every article wrote and every arriving item Queried the same ≤ 5 keys — `t` normalized headline, `l` first 8
 * content words of the summary, `m0`/`m1` MinHash 2 bands × 2 rows over the 3-word shingles of the first 30 summary
 * words, `u` the outlet's article number or slug.
 */
import { createHash } from 'node:crypto';
import { type DedupeItem, prepareItem } from '../lib/dedupe/dedupe-item.ts';
import { mix32 } from '../lib/dedupe/shingle-rank.ts';
import { contentWordsOf } from '../lib/dedupe/text.ts';
import { fnv1a32 } from '../lib/fnv1a.ts';

const BANDS = 2;
const ROWS = 2;

export function legacyNearDupKeysOf(item: DedupeItem): string[] {
  const prepared = prepareItem(item);
  const keys: string[] = [];
  if (prepared.titleKey) keys.push(`t#${hash(prepared.titleKey)}`);
  const lede = contentWordsOf(prepared.summaryWords);
  if (lede.length >= 8) keys.push(`l#${hash(lede.slice(0, 8).join(' '))}`);
  const words = prepared.summaryWords.slice(0, 30);
  const shingles = new Set<string>();
  for (let start = 0; start + 3 <= words.length; start++) shingles.add(words.slice(start, start + 3).join(' '));
  if (shingles.size >= 4) {
    const minimums = new Array<number>(BANDS * ROWS).fill(0xffffffff);
    for (const shingle of shingles) {
      const base = fnv1a32(shingle);
      for (let seed = 0; seed < minimums.length; seed++) {
        const value = mix32(base ^ Math.imul(seed + 1, 0x9e3779b1));
        if (value < (minimums[seed] ?? 0xffffffff)) minimums[seed] = value;
      }
    }
    for (let band = 0; band < BANDS; band++)
      keys.push(`m${band}#${hash(minimums.slice(band * ROWS, (band + 1) * ROWS).join(','))}`);
  }
  const link = prepared.urlIdentity;
  const linkId = link?.numericId ?? link?.slug;
  if (link && linkId) keys.push(`u#${hash(`${link.site}\u0000${linkId}`)}`);
  return keys;
}

const hash = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 12);
