import { editDistance } from './text.ts';

/**
 * How two headlines differ, word by word. The shape of the edit tells a typo fix or an updated toll on a re-post
 * ("To-ranked" → "Top-ranked", "14 killed" → "16 killed") from a template filled in differently ("Wordle 438" →
 * "Wordle 439", "Florida's lottery numbers" → "Texas' lottery numbers").
 */
export interface TitleDiff {
  /** Words in both, in order (longest common subsequence). */
  readonly shared: number;
  /** Words only in one title. */
  readonly onlyA: readonly string[];
  readonly onlyB: readonly string[];
  /** Every differing word pairs with a near-identical word on the other side: a spelling fix. */
  readonly typoOnly: boolean;
  /** A number on one side was replaced by a different number on the other. */
  readonly numberChanged: boolean;
  /** Both sides lost and gained words (not a pure insertion or deletion). */
  readonly substitution: boolean;
  /**
   * Every difference swaps one or two words for the same number of others in the same slot ("Florida's lottery
   * numbers" / "Texas' lottery numbers"): the shape of a template filled in twice, not of an edited headline,
   * where editors reword, insert and cut.
   */
  readonly slotSwap: boolean;
}

export function diffTitles(a: readonly string[], b: readonly string[]): TitleDiff {
  const keptA = new Array<boolean>(a.length).fill(false);
  const keptB = new Array<boolean>(b.length).fill(false);
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = table[i]!;
      row[j] = a[i] === b[j] ? (table[i + 1]![j + 1] ?? 0) + 1 : Math.max(table[i + 1]![j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const regions: { a: number; b: number }[] = [];
  let open: { a: number; b: number } | undefined;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      keptA[i++] = true;
      keptB[j++] = true;
      open = undefined;
      continue;
    }
    if (!open) {
      open = { a: 0, b: 0 };
      regions.push(open);
    }
    if (j >= b.length || (i < a.length && (table[i + 1]![j] ?? 0) >= (table[i]![j + 1] ?? 0))) {
      i++;
      open.a++;
    } else {
      j++;
      open.b++;
    }
  }
  const onlyA = a.filter((_, index) => !keptA[index]);
  const onlyB = b.filter((_, index) => !keptB[index]);
  const numbersA = new Set(a.filter(hasDigit));
  const numbersB = new Set(b.filter(hasDigit));
  const typoOnly = isTypoOnly(onlyA, onlyB);
  const shared = table[0]?.[0] ?? 0;
  return {
    shared,
    onlyA,
    onlyB,
    typoOnly,
    // Compared as sets: a number that only moved within the headline ("2023 word of the year") did not change.
    numberChanged: [...numbersA].some((n) => !numbersB.has(n)) && [...numbersB].some((n) => !numbersA.has(n)),
    substitution: onlyA.length > 0 && onlyB.length > 0,
    slotSwap:
      !typoOnly &&
      shared >= 3 &&
      regions.length > 0 &&
      regions.every((region) => region.a === region.b && region.a <= 2),
  };
}

const hasDigit = (word: string) => /\d/.test(word);

function isTypoOnly(onlyA: readonly string[], onlyB: readonly string[]): boolean {
  if (onlyA.length === 0 && onlyB.length === 0) return false;
  if (onlyA.length !== onlyB.length) return false;
  return onlyA.every((word, index) => {
    const other = onlyB[index] ?? '';
    if (/\d/.test(word) || /\d/.test(other)) return false;
    // One edit only: "emergence"/"emergency" is a fix, "Northland"/"Southland" is another filling of a template.
    return Math.max(word.length, other.length) >= 2 && editDistance(word, other, 1) <= 1;
  });
}
