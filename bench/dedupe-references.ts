/**
 * The two reference methods of ../shared/dedupe/README.md ("baselines"), re-implemented so the bench computes them
 * in the same run as our figures: exact normalized-title equality, and token-set Jaccard of title + summary >= 0.6.
 */

import type { DedupeItem } from '../lib/dedupe/dedupe-item.ts';
import type { ItemPair } from '../lib/dedupe/pair-file.ts';

const QUOTES = /['"`\u2018\u2019\u201c\u201d]/g;

export function normalizedTitle(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(QUOTES, '')
    .replace(/[^\p{L}\p{N}_]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

function tokens(item: DedupeItem): Set<string> {
  const summary = (item.summary ?? '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
  const text = `${item.title} ${summary.split(/\s+/).join(' ')}`.normalize('NFKC').toLowerCase();
  return new Set(text.match(/[\p{L}\p{N}_]+/gu) ?? []);
}

export function titleExactDuplicate(pair: ItemPair): boolean {
  const a = normalizedTitle(pair.stored.title);
  return a !== '' && a === normalizedTitle(pair.arriving.title);
}

export function jaccardDuplicate(pair: ItemPair, threshold = 0.6): boolean {
  const a = tokens(pair.stored);
  const b = tokens(pair.arriving);
  let shared = 0;
  for (const token of a) if (b.has(token)) shared++;
  const union = a.size + b.size - shared;
  return union > 0 && shared / union >= threshold;
}
