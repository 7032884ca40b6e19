/**
 * Text normalization shared by every dedupe signal, the fingerprint and the CLI: one definition, so the pairs the
 * CLI folds are exactly the pairs ingest folds.
 */

/**
 * Summaries arrive as sanitized HTML; the signals compare the words a reader sees. One HTML-to-text rule for the
 * whole system (normalize's), so dedupe, topics and titles read the same words.
 */
export { plainTextOf } from '../normalize/plain-text.ts';

/**
 * Words of a text: NFKC, case-folded, apostrophes and quotes dropped inside words (`Charles’` = `charles`),
 * then runs of letters and digits. `\p{L}\p{N}` keeps Polish, Vietnamese and Thai letters intact.
 */
export function wordsOf(text: string): string[] {
  const folded = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’‘`´"“”]/g, '');
  return folded.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
}

/** Function words carry no story identity; title overlap is measured on the rest. */
const STOP_WORDS = new Set(
  (
    'a an the and or but of to in on at for from by with as is are was were be been being it its this that these ' +
    'those he she they we you i his her their our your my not no after before over under into about than then ' +
    'up down out off will would can could has have had do does did says said say new how what why who when where ' +
    'which more most just also all s t vs v'
  ).split(' '),
);

export function contentWordsOf(words: readonly string[]): string[] {
  return words.filter((word) => !STOP_WORDS.has(word));
}

/** Word n-grams as strings: the unit of "shared wording" between two summaries. */
export function shinglesOf(words: readonly string[], size = 3): Set<string> {
  const shingles = new Set<string>();
  if (words.length < size) {
    if (words.length > 0) shingles.add(words.join(' '));
    return shingles;
  }
  for (let start = 0; start + size <= words.length; start++) {
    shingles.add(words.slice(start, start + size).join(' '));
  }
  return shingles;
}

export function intersectionSize<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const value of small) if (large.has(value)) shared++;
  return shared;
}

export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  const union = a.size + b.size - intersectionSize(a, b);
  return union === 0 ? 0 : intersectionSize(a, b) / union;
}

/** Share of the smaller set found in the larger: a shortened summary is still "contained" in the full one. */
export function containment<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  const smaller = Math.min(a.size, b.size);
  return smaller === 0 ? 0 : intersectionSize(a, b) / smaller;
}

/** Levenshtein distance, capped: only "is this a typo-level edit" matters, so long words bail out early. */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > cap) return cap + 1;
    previous = current;
  }
  return previous[b.length] ?? cap + 1;
}
